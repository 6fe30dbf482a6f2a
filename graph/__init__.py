"""The knowledge graph: schema, entity resolution, NetworkX store, Neo4j backend, exports."""
