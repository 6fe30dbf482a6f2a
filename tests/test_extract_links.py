"""Code links and project pages: normalised, and rebuilt when hard wrapping broke the URL."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import spacy

from paperkg.extractors.links import find_links, normalise
from paperkg.extractors.text import clean_text


def names(text, kind=None):
    return [(l["type"], l["name"]) for l in find_links(clean_text(text)) if kind in (None, l["type"])]


@pytest.mark.parametrize("text, expected", [
    # plain, at the end of a sentence, with .git, a /tree/ path, www. and an upper-case host
    ("Code is at https://github.com/ace-lab/QuuxNet.", [("code", "github.com/ace-lab/QuuxNet")]),
    ("Code: https://github.com/ace-lab/quux.git", [("code", "github.com/ace-lab/quux")]),
    ("See https://GitHub.com/ace-lab/quux/tree/main/tools.", [("code", "github.com/ace-lab/quux")]),
    ("See http://www.github.com/ace-lab/quux/blob/main/README.md).", [("code", "github.com/ace-lab/quux")]),
    ("(code: https://gitlab.com/grp/zap-net)", [("code", "gitlab.com/grp/zap-net")]),
    ("https://bitbucket.org/u1/r1 https://codeberg.org/u2/r2 https://gitee.com/u3/r3", [
        ("code", "bitbucket.org/u1/r1"), ("code", "codeberg.org/u2/r2"), ("code", "gitee.com/u3/r3")]),
    # no scheme
    ("Code for the experiments is in github.com/jdoe/probe-kit.", [("code", "github.com/jdoe/probe-kit")]),
    # LaTeX escapes and braces
    (r"Code: \url{https://github.com/my\_lab/glim\_net}.", [("code", "github.com/my_lab/glim_net")]),
    (r"at \href{https://github.com/ab/cd}{https://github.com/ab/cd}.", [("code", "github.com/ab/cd")]),
    # LaTeX markup around a URL is never read into the repository name
    (r"Code: \href{https://github.com/ab/cd}{Code}.", [("code", "github.com/ab/cd")]),
    (r"\href{https://github.com/ab/cd}{\textcolor{blue}{Our code is public}}.", [("code", "github.com/ab/cd")]),
    ("The code is at https://github.com/ab/cd{here}.", [("code", "github.com/ab/cd")]),
    (r"The code is at \url{https://github.com/ab/cd}{}.", [("code", "github.com/ab/cd")]),
    ("Released at https://github.com/ab/cd}.", [("code", "github.com/ab/cd")]),
    (r"Page: \href{https://ab.github.io/cd/}{project page}.", [("project_page", "ab.github.io/cd")]),
    # anonymous review copies and Hugging Face repositories
    ("at https://anonymous.4open.science/r/Quux-7F3A/README.md.", [("code", "anonymous.4open.science/r/Quux-7F3A")]),
    ("Weights: https://huggingface.co/acme/quux-7b.", [("code", "huggingface.co/acme/quux-7b")]),
    ("Data: https://huggingface.co/datasets/acme/quux-set/viewer", [("code", "huggingface.co/datasets/acme/quux-set")]),
    ("Demo: https://huggingface.co/spaces/acme/quux-demo.", [("code", "huggingface.co/spaces/acme/quux-demo")]),
    # everything else is a project page
    ("Project page: https://jdoe.github.io/Quux_Page/.", [("project_page", "jdoe.github.io/Quux_Page")]),
    ("More at https://huggingface.co/collections/acme/quux-0123abc.",
     [("project_page", "huggingface.co/collections/acme/quux-0123abc")]),
    ("Website: http://www.lab.example.edu/~jdoe/quux/index.html.",
     [("project_page", "lab.example.edu/~jdoe/quux/index.html")]),
    ("Visit quuxnet.github.io for videos.", [("project_page", "quuxnet.github.io")]),
    # left-over LaTeX math dollars inside a URL
    ("Page: https://quux.github$.io/demo/", [("project_page", "quux.github.io/demo")]),
])
def test_links(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "Code is available at https: //github.com/ace-lab/QuuxNet.",
    "Code is available at https:\n//github.com/ace-lab/QuuxNet.",
    "Code is available at https://\ngithub.com/ace-lab/QuuxNet.",
    "Code is available at https://github. com/ace-lab/QuuxNet.",
    "Code is available at https://github.\ncom/ace-lab/QuuxNet.",
    "Code is available at https://github.com/ ace-lab/QuuxNet.",
    "Code is available at https://github.com/ace-lab/\nQuuxNet.",
    "Code is available at\nhttps://github.com/ace-lab/QuuxNet .",
    "Code is available at https: // github. com/\nace-lab/ QuuxNet .",
    "Code is available at https://github.com/ace-\nlab/QuuxNet.",
    "Code is available at https://github.com/ace-la b/QuuxNet.",
])
def test_url_broken_by_spaces_or_line_breaks(text):
    assert names(text) == [("code", "github.com/ace-lab/QuuxNet")]


@pytest.mark.parametrize("text, expected", [
    ("Page: https://jane-doe.github.\nio/quux-page/.", "jane-doe.github.io/quux-page"),
    ("Page: https://jane-\ndoe.github.io/quux/.", "jane-doe.github.io/quux"),
    ("Page: https://jane-doe.github.io/ quux-page/.", "jane-doe.github.io/quux-page"),
])
def test_broken_project_pages(text, expected):
    assert names(text) == [("project_page", expected)]


@pytest.mark.parametrize("text, expected", [
    # a following ordinary word is not part of the URL
    ("See https://quux.github.io/ for videos.", [("project_page", "quux.github.io")]),
    ("Code will be at https://github.com/jdoe/\nsoon.", [("code", "github.com/jdoe")]),
    ("Page: https://quux.github.io/ Code: https://github.com/jdoe/quux .",
     [("project_page", "quux.github.io"), ("code", "github.com/jdoe/quux")]),
    ("Released at https://quux.example.org. The code follows.", [("project_page", "quux.example.org")]),
    # a host alone names no repository; e-mail addresses are not links
    ("Soon on www.github.com.", []),
    ("Write to jdoe@github.com or see e.g. Table 2 and/or Fig. 3.", []),
])
def test_link_boundaries(text, expected):
    assert names(text) == expected


def test_offsets_cover_the_url_without_trailing_punctuation():
    text = "Our code: https://github.com/ace-lab/QuuxNet.git. Thanks."
    (link,) = find_links(text)
    assert text[link["start"]:link["end"]] == "https://github.com/ace-lab/QuuxNet.git"
    assert link["rule"] == "url"
    broken = "Code: https://github.\ncom/ace-lab/QuuxNet."
    (link,) = find_links(broken)
    assert broken[link["start"]:link["end"]] == "https://github.\ncom/ace-lab/QuuxNet"
    assert link["rule"] == "url_broken"


def test_normalise():
    assert normalise("https://github.com/orgs/acme/repositories") == (
        "project_page", "github.com/orgs/acme/repositories")
    assert normalise("github.com") is None
    assert normalise("not a url") is None


def test_paperkg_links_component():
    nlp = spacy.blank("en")
    nlp.add_pipe("paperkg_links")
    doc = nlp("We release QuuxNet at https://github.com/ace-lab/QuuxNet and a demo at quux.github.io.")
    assert [(l["type"], l["name"]) for l in doc._.links] == [
        ("code", "github.com/ace-lab/QuuxNet"), ("project_page", "quux.github.io")]


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_text_is_handled(text):
    find_links(text)
