"""Pytest fixture for a real Bolt server (filled in by the Neo4j backend work)."""
