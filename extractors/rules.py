"""The names of the rules that find mentions, and the registry that runs a component's rules in order.

A mention's ``rule`` (``span._.rule`` in a Doc, ``"rule"`` of a mention in an extraction line) is a
:class:`Rule` value; code that reads rules compares with the members, never with bare strings.

>>> steps = RuleSet()
>>> @steps.register(Rule.REPEAT)
... def repeat(ctx, found):
...     found.append(ctx)
>>> found = []; steps.run("doc", found); found, [rule.value for rule in steps]
(['doc'], ['repeat'])
"""

from __future__ import annotations

from enum import Enum
from typing import Callable, Iterator


class Rule(str, Enum):
    """Every rule that finds a method or task mention (the value is what a mention records)."""

    __str__ = str.__str__

    # methods (extractors/methods.py)
    TITLE_COLON = "title_colon"    # the name before the title's colon
    TITLE_HEAD = "title_head"      # a title opening with a model's name ('Attention-based Subspace Learners for')
    TITLE_NAME = "title_name"      # a title phrase the abstract defines with an acronym ('... Network (VAN)')
    TITLE_MEANS = "title_means"    # the title's means ('... through Level Set Projection'), named again in the text
    PROPOSAL = "proposal"          # a name in the clause of a proposal cue ('we propose X')
    ABBREVIATION = "abbreviation"  # a defined long form (ACRONYM) naming a method-like thing, or a task
    MODULE = "module"              # a named part of the paper's method ('a Region-Aware Evidence Reasoning module')
    PART_LIST = "part_list"        # the items of a list of the method's parts ('two components: (1) X and (2) Y')
    COINED = "coined"              # a lower-case term the paper coins for its method ('dubbed proximal matching')
    APPOSITIVE = "appositive"      # 'HMInterp, a robust ... model'
    GAZETTEER = "gazetteer"        # a known name from the shipped or the user's lists
    VARIANT = "variant"            # a size variant of a known or a proposed name ('Swin-T', 'OurNet-L')
    COMPARED = "compared"          # a named word a comparison lists ('outperforms A, B and C')
    FAMILY = "family"              # an unknown name built on a known family ('IndicBERT')
    REPEAT = "repeat"              # another mention of a proposed name
    # tasks (extractors/tasks.py)
    TITLE_TASK = "title_task"      # a task phrase in the title
    TASK_SUBJECT = "task_subject"  # a sentence's subject ('Video matting aims to ...')
    TASK_CALLED = "task_called"    # what the text calls a task ('X, a new task where ...', 'the task of X')
    TASK_LIST = "task_list"        # the items of a list a task word announces ('tasks such as X and Y')
    TASK_CONTEXT = "task_context"  # next to words that announce a task ('X tasks', 'for X')
    TASK_SYSTEM = "task_system"    # what methods do ('existing ship detection methods')
    # the corpus pass (extractors/corpus.py)
    CORPUS = "corpus"              # a strongly evidenced name of another paper, matched here


class RuleSet:
    """A component's rule functions, each registered under the :class:`Rule` it stands for, run in
    registration order over one per-document context."""

    def __init__(self) -> None:
        self._steps: dict[Rule, Callable] = {}

    def register(self, rule: Rule) -> Callable[[Callable], Callable]:
        def decorate(function: Callable) -> Callable:
            if rule in self._steps:
                raise ValueError(f"rule {rule.value!r} registered twice")
            self._steps[rule] = function
            return function

        return decorate

    def run(self, *args) -> None:
        for step in self._steps.values():
            step(*args)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._steps)

    def __getitem__(self, rule: Rule) -> Callable:
        return self._steps[rule]
