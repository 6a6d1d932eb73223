"""Template checks: what Word does to tags, and names, keys and filters the renderer does
not know, each reported with the part, the paragraph and the template file; render errors
located the same way. (tests/broken/template-* hold the faults as whole workspaces.)"""

import pytest

from grantgen.word.render import TemplateFailure, render
from helpers.docs import docx_text
from workspace_factory import FUNDERS, W_NS, make_template, make_workspace


def workspace_with_template(root, paragraphs=(), **kwargs):
    """The small workspace, with Fonds A's application in templates/eigen.docx."""
    make_workspace(root, funders={"fonds-a": {**FUNDERS["fonds-a"],
                                              "templates": {"application": "eigen.docx"}}})
    make_template(root / "templates" / "eigen.docx", list(paragraphs), **kwargs)
    return root


def check(cli, root):
    return cli(["check", "--workspace", str(root)])


def errors(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("templates/")]


def test_a_tag_word_split_over_runs_is_joined_and_not_reported(cli, tmp_path):
    # what Word stores after editing a tag: pieces in runs with other formatting, a spelling
    # mark and a bookmark in between
    split = (f'<w:p {W_NS}><w:r><w:t xml:space="preserve">Wij zijn {{</w:t></w:r>'
             '<w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>{ or</w:t></w:r>'
             '<w:bookmarkStart w:id="0" w:name="x"/><w:r><w:t>g.na</w:t></w:r>'
             '<w:bookmarkEnd w:id="0"/><w:r><w:rPr><w:i/></w:rPr><w:t>me }</w:t></w:r>'
             '<w:proofErr w:type="spellEnd"/><w:r><w:t>}.</w:t></w:r></w:p>')
    root = workspace_with_template(tmp_path, raw=[split])
    result = check(cli, root)
    assert result.exit_code == 0, result.output
    assert errors(result) == []
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    text = docx_text(root / "output/2019/fonds-a/aanvraag-2019-linde.docx")
    assert "Wij zijn Stichting Buurthuis De Linde." in text


def test_word_curly_quotes_in_a_tag_are_read_as_straight_ones(cli, tmp_path):
    root = workspace_with_template(
        tmp_path, ["Programma: {{ funder.programme or \u2018bijdrage\u2019 }}"])
    assert check(cli, root).exit_code == 0
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    assert "Programma: bijdrage" in docx_text(
        root / "output/2019/fonds-a/aanvraag-2019-linde.docx")


def test_an_unknown_name_is_found_in_a_branch_this_document_does_not_take(cli, tmp_path):
    root = workspace_with_template(tmp_path, ["{% if false %}{{ nergens }}{% endif %}Klaar."])
    result = check(cli, root)
    assert result.exit_code == 1
    assert errors(result) == [
        "templates/eigen.docx: in the body, in the paragraph \u201c{% if false %}{{ nergens }}"
        "{% endif %}Klaar.\u201d: the name 'nergens' does not exist. 'grantgen variables' "
        "lists the names a template may use."]
    assert cli(["build", "--workspace", str(root)]).exit_code == 1


def test_names_guarded_by_default_or_is_defined_are_not_reported(cli, tmp_path):
    root = workspace_with_template(tmp_path, [
        "{{ org.twitter | default('') }}",
        "{% if org.twitter is defined %}{{ org.twitter }}{% endif %}",
        "{% set n = 3 %}{{ n }}{% for i in range(2) %}{{ i }}{{ loop.index }}{% endfor %}"])
    result = check(cli, root)
    assert result.exit_code == 0, result.output


def test_a_key_of_a_loop_variable_is_checked_against_the_list(cli, tmp_path):
    root = workspace_with_template(tmp_path, [
        "{% for m in org.board %}{{ m.nmae }} ({{ m.role }}){% endfor %}"])
    result = check(cli, root)
    assert errors(result) == [
        "templates/eigen.docx: in the body, in the paragraph \u201c{% for m in org.board %}"
        "{{ m.nmae }} ({{ m.role }}){% endfor %}\u201d: 'm' has no 'nmae'. Did you mean "
        "'name'? 'grantgen variables' lists the names a template may use."]


def test_a_problem_in_the_footer_says_so(cli, tmp_path):
    root = workspace_with_template(tmp_path, footer="KvK {{ org.kvk_nummer }}")
    result = check(cli, root)
    assert errors(result) == [
        "templates/eigen.docx: in the footer, in the paragraph \u201cKvK {{ org.kvk_nummer }}"
        "\u201d: 'org' has no 'kvk_nummer'. Did you mean 'kvk'? 'grantgen variables' lists "
        "the names a template may use."]


def test_every_problem_of_a_template_is_listed_at_once(cli, tmp_path):
    root = workspace_with_template(tmp_path, ["{{ ask.amount | bedrag }}", "{{ org.nmae }}",
                                              "{{ ''.__class__.__mro__ }}"],
                                   header="{{ fundr.name }}")
    result = check(cli, root)
    found = errors(result)
    assert len(found) == 4, result.output
    assert "there is no filter 'bedrag'. Did you mean 'amount'?" in found[0]
    assert "'org' has no 'nmae'" in found[1]
    assert "Python internal" in found[2]
    assert "in the header, in the paragraph \u201c{{ fundr.name }}\u201d: the name 'fundr' " \
           "does not exist. Did you mean 'funder'?" in found[3]


# ---- errors only rendering finds, located like the checks -----------------------------------
def test_a_filter_given_text_is_located(cli, tmp_path):
    root = workspace_with_template(tmp_path, ["Bedrag: {{ org.name | amount }}"])
    result = check(cli, root)
    assert errors(result) == [
        "templates/eigen.docx: in the body, in the paragraph \u201cBedrag: {{ org.name | "
        "amount }}\u201d: the template cannot be rendered: could not convert string to "
        "float: 'Stichting Buurthuis De Linde'. Check the tag in this paragraph: a filter "
        "such as 'amount' needs a number."]


def test_python_internals_reached_at_render_time_are_refused_and_located(cli, tmp_path):
    # str.format reaches attributes the sandbox guards while rendering, not before
    root = workspace_with_template(tmp_path, ["{{ '{0.__class__}'.format(org) }}"])
    result = check(cli, root)
    assert result.exit_code == 1
    found = errors(result)
    assert len(found) == 1
    assert found[0].startswith(
        "templates/eigen.docx: in the body, in the paragraph \u201c{{ '{0.__class__}'"
        ".format(org) }}\u201d: the template tries to reach Python internals")
    assert "Stichting" not in found[0] and "dict" in found[0]


@pytest.mark.parametrize("paragraph, message", [
    ("Wij vragen {{ ask.amount amount }}.", "a tag is not valid: expected token 'end of "
                                            "print statement', got 'amount'."),
    ("{{ nergens }}", "the template uses the name 'nergens', which does not exist"),
])
def test_render_locates_its_own_errors(tmp_path, paragraph, message):
    """render() on its own (as other document kinds may call it) says where it failed."""
    template = make_template(tmp_path / "t.docx", [paragraph], header="Kop")
    context = {"year": 2019, "funder": {"name": "F"}, "org": {"name": "O"},
               "ask": {"amount": 1}}
    with pytest.raises(TemplateFailure) as failure:
        render(template, "templates/t.docx", context, "nl")
    problem = failure.value.problem
    assert problem.file == "templates/t.docx"
    assert problem.message.startswith(
        f"in the body, in the paragraph \u201c{paragraph}\u201d: {message}")
    assert problem.hint


def test_a_text_block_the_workspace_lacks_is_a_warning_not_an_error(cli, tmp_path):
    """FACTS.md: a missing text block never stops a build; the draft shows a placeholder."""
    root = workspace_with_template(tmp_path, ["{{p texts.werkplan }}"])
    result = check(cli, root)
    assert result.exit_code == 0, result.output
    assert "texts/werkplan.md: the text block 'werkplan' is missing" in result.output
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    assert "[Tekstblok 'werkplan' ontbreekt: schrijf texts/werkplan.md]" in docx_text(
        root / "output/2019/fonds-a/aanvraag-2019-linde.docx")
