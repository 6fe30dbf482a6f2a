"""clean_text / analysed_text: LaTeX undone, whitespace normalised, deterministic offsets."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperkg.extractors.text import MAX_ABSTRACT_CHARS, analysed_text, clean_text


@pytest.mark.parametrize("raw, clean", [
    (r"We reach 83.6\% top-1 on Foo\_Bar \& Baz.", "We reach 83.6% top-1 on Foo_Bar & Baz."),
    (r"Our model~\textbf{QuuxNet} and {\em ZapFormer} and \emph{it}.", "Our model QuuxNet and ZapFormer and it."),
    (r"It runs $3.5\times$ faster with $F_1$ of $0.91$.", "It runs 3.5× faster with F1 of 0.91."),
    (r"we name it $\text{Q}^2\text{Net}$ and S$^{3}$-Fuse", "we name it Q2Net and S3-Fuse"),
    (r"gains of $\sim$2\% at $\alpha = 0.5$", "gains of ~2% at α = 0.5"),
    (r"Code: \url{https://github.com/some\_lab/my\_repo}.", "Code: https://github.com/some_lab/my_repo ."),
    (r"see \href{https://lab.example.org/proj}{our page}", "see our page (https://lab.example.org/proj)"),
    (r"at \href{https://x.example.io}{this https URL}", "at https://x.example.io"),
    (r"home http://www.example.edu/~jdoe/ and /\~kim", "home http://www.example.edu/~jdoe/ and /~kim"),
    (r"Schr\"odinger, Pe\~na, caf\'{e} \cite{ref1}", "Schrödinger, Peña, café"),
    (r"\textcolor{blue}{Blue} $\frac{a}{b}$ {\bf Bold}", "Blue a/b Bold"),
    ("a  line\nbreak\n\n and\ttab\u00a0here", "a line break and tab here"),
    ("soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
    (r"costs \$5 per run", "costs $5 per run"),
    ("", ""),
    (None, ""),
])
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_plain_text_is_only_whitespace_normalised():
    text = "We propose GlimmerNet (GN), reaching 71.2 mAP on a new benchmark."
    assert clean_text(text) == text
    assert clean_text(" " + text.replace(" ", "\n") + "\n") == text


def test_analysed_text_joins_title_and_abstract_with_one_newline():
    assert analysed_text("FooNet:\n  a Net", "We propose\nFooNet.") == "FooNet: a Net\nWe propose FooNet."
    assert analysed_text(None, None) == "\n"


def test_analysed_text_cuts_very_long_abstracts():
    text = analysed_text("T", "word " * 30_000)
    assert len(text) == len("T\n") + MAX_ABSTRACT_CHARS


def test_clean_text_is_idempotent():
    raw = r"The \textbf{Z-Net} gets 91.2\% mIoU ($+1.3$) at https://github.com/z/z\_net."
    once = clean_text(raw)
    assert clean_text(once) == once


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
@settings(max_examples=300, deadline=None)
def test_clean_text_never_fails_and_leaves_one_line(raw):
    clean = clean_text(raw)
    assert "\n" not in clean and "  " not in clean and clean == clean.strip()


@given(st.lists(st.sampled_from([r"\textbf{", "}", "{", "$", r"\%", "~", r"\href{", r"\url{", r"\unicode{x0}",
                                 r"\unicode{x110000}", "\\", "^", "_", "a", " ", "\n", "https://x.io/"]), max_size=40))
@settings(max_examples=300, deadline=None)
def test_clean_text_survives_broken_latex(parts):
    clean_text("".join(parts))
