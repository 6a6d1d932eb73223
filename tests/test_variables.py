"""`grantgen variables`: the declared names match the context, and a name it lists works
in a template edited as in Word."""

import re
import shutil

import pandas as pd
from docs import docx_text
from docx import Document

from grantgen.build import prepare
from grantgen.formatting import amount
from grantgen.templates import BUILTIN
from grantgen.variables import DECLARED, context_names, declared_names, open_keys
from grantgen.workspace import Workspace


def _contexts(root):
    prepared = prepare(Workspace.open(root))
    assert prepared.specs
    return [(spec, prepared.contexts.build(spec)) for spec in prepared.specs]


def test_every_name_of_the_context_is_declared_and_every_declared_name_exists(example):
    seen: dict[str, set[str]] = {}
    for spec, context in _contexts(example):
        assert spec.kind in DECLARED, (
            f"the names of {spec.kind} documents are not declared in grantgen/variables.py")
        names = context_names(context, open_keys=open_keys(DECLARED[spec.kind]))
        seen.setdefault(spec.kind, set()).update(names)
    for kind, names in seen.items():
        declared = declared_names(DECLARED[kind])
        undeclared = sorted(n for n in names if n not in declared)
        assert not undeclared, (
            f"names of the {kind} context without a meaning in grantgen/variables.py: "
            f"{undeclared}")
        absent = sorted(n for n in declared if n not in names and "*" not in n)
        assert not absent, (
            f"names declared in grantgen/variables.py that no {kind} context has: {absent}")


def test_every_meaning_is_written(example):
    for names in DECLARED.values():
        for path, name in declared_names(names).items():
            assert name.meaning.strip(), f"{path} has no meaning"


def test_variables_lists_names_meanings_and_values(cli, example):
    result = cli(["variables", "oranje-fonds", "--year", "2019", "--workspace", str(example)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("The names a Word template may use, with their value in the "
                        "application 2019 to Oranje Fonds for De Klop.")
    at = lines.index(next(line for line in lines if line.startswith("ask.amount ")))
    assert "the amount asked of this funder" in lines[at]
    funding = pd.read_csv(example / "facts" / "funding.csv")
    asked = funding[(funding["year"] == 2019) & (funding["source"] == "oranje-fonds")
                    & (funding["status"] == "requested")]["amount"].iloc[0]
    assert lines[at + 1].strip() == "{{ ask.amount | amount }}  ->  " + amount(asked)
    assert any(line.strip().startswith("{%p if budget.has_lines %}") for line in lines)
    assert any(line.startswith("sections.* ") for line in lines)


def test_variables_in_dutch(cli, example):
    result = cli(["variables", "gemeente-utrecht", "--workspace", str(example)],
                 env={"GRANTGEN_LANGUAGE": "nl"})
    assert result.exit_code == 0, result.output
    assert "het bedrag dat je aan deze financier vraagt" in result.output


def test_variables_of_an_unknown_funder(cli, example):
    result = cli(["variables", "oranje-fond", "--workspace", str(example)])
    assert result.exit_code == 1
    assert "There is no funder 'oranje-fond' in funders/." in result.output


def test_variables_for_a_funder_without_an_application(cli, tmp_path):
    root = tmp_path / "nieuw"
    assert cli(["init", str(root)]).exit_code == 0
    organisation = root / "facts" / "organisation.yaml"
    text = organisation.read_text(encoding="utf-8")
    for key, value in (("name", "Buurthuis"), ("legal_form", "stichting"), ("mission", "Doel.")):
        text = re.sub(rf"^{key}:\s+#", f"{key}: {value}  #", text, count=1, flags=re.M)
    organisation.write_text(text, encoding="utf-8")
    (root / "facts" / "locations.csv").write_text(
        "location_id,name,neighbourhood,city,opened\nhuis,Het Huis,Oost,Zwolle,2015-01-01\n",
        encoding="utf-8")
    result = cli(["variables", "fonds", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    assert "(The funding plan has no such application" in result.output
    assert "{{ funder.name }}  ->  Fonds" in result.output


def _listed(output: str, name: str) -> tuple[str, str]:
    """How `grantgen variables` says to write `name`, and the value it shows."""
    lines = output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.split(" ")[0] == name)
    how, value = lines[at + 1].strip().split("  ->  ")
    return how, value


def test_a_paragraph_added_to_a_template_appears_filled_in(cli, example):
    listing = cli(["variables", "oranje-fonds", "--year", "2019", "--location", "de-klop",
                   "--workspace", str(example)]).output
    how, value = _listed(listing, "reach_org.volunteers")
    assert how == "{{ reach_org.volunteers | number }}"

    # as in Word: open a copy of the built-in template, type a paragraph below the
    # summary's heading, and a paragraph shown only when a condition holds
    (example / "templates").mkdir(exist_ok=True)
    template = example / "templates" / "application-private-fund.docx"
    shutil.copy(BUILTIN / template.name, template)
    document = Document(str(template))
    heading = next(p for p in document.paragraphs if "sections.summary.title" in p.text)
    after = heading._p.getnext()
    from docx.text.paragraph import Paragraph

    below = Paragraph(after, heading._parent)
    below.insert_paragraph_before(f"Samen met {how} vrijwilligers houden wij de deuren open.")
    below.insert_paragraph_before("{%p if reach_org.volunteers > 100 %}")
    below.insert_paragraph_before("Dat zijn er meer dan honderd.")
    below.insert_paragraph_before("{%p endif %}")
    below.insert_paragraph_before("{%p if reach_org.volunteers > 1000 %}")
    below.insert_paragraph_before("Dat zijn er meer dan duizend.")
    below.insert_paragraph_before("{%p endif %}")
    document.save(str(template))

    result = cli(["build", "--workspace", str(example), "--year", "2019"])
    assert result.exit_code == 0, result.output
    text = docx_text(example / "output" / "2019" / "oranje-fonds" / "aanvraag-2019-de-klop.docx")
    assert f"Samen met {value} vrijwilligers houden wij de deuren open." in text
    assert "Dat zijn er meer dan honderd." in text
    assert "duizend" not in text and "{%" not in text
    # the other funds' applications use the same template file name: they changed too
    other = docx_text(example / "output" / "2019" / "vsbfonds" /
                      "aanvraag-2019-de-verbinding.docx")
    assert f"Samen met {value} vrijwilligers" in other
    # a template of another funder type is not touched
    municipality = docx_text(example / "output" / "2019" / "gemeente-utrecht" /
                             "aanvraag-2019-de-klop.docx")
    assert "Samen met" not in municipality
