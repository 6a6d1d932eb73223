"""`grantgen variables`: the declared names match the context, and a name it lists works
in a template edited as in Word."""

import re
import shutil

import pandas as pd
from docx import Document

from grantgen.commands.review import review_context
from grantgen.core.formatting import amount
from grantgen.core.workspace import Workspace
from grantgen.documents.schema import DECLARED, canonical, context_names, declared_names, open_keys
from grantgen.documents.templates import BUILTIN
from grantgen.figures.plan import COMPANION_KINDS
from grantgen.pipeline.build import prepare
from helpers.docs import docx_text
from workspace_factory import make_year_end_workspace


def _contexts(root):
    prepared = prepare(Workspace.open(root))
    assert prepared.specs
    # an online form and a budget workbook have no template: they use the application's names
    return [(spec.kind, prepared.contexts.build(spec)) for spec in prepared.specs
            if spec.kind not in COMPANION_KINDS]


def _review_contexts(cli, root):
    """Review-pack contexts of a small workspace: with a finding per document, an approved
    document whose facts then changed (stale), and its new draft beside it (changes)."""
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    path = "2019/fonds-a/aanvraag-2019-linde.docx"
    # check finds an error in it (above the fund's maximum): approved with a reason
    assert cli(["approve", path, "--by", "Els Bakker", "--workspace", str(root),
                "--reason", "Afgesproken met het fonds."]).exit_code == 0
    budget = root / "facts" / "budget.csv"
    budget.write_text(budget.read_text(encoding="utf-8").replace(
        "2019,linde,Huisvesting,Huur,9000", "2019,linde,Huisvesting,Huur,9500"), encoding="utf-8")
    stale = review_context(Workspace.open(root)).context
    assert stale["review"]["stale"]
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    changed = review_context(Workspace.open(root)).context
    assert any(d["changes"] for d in changed["documents"])
    return [("review-pack", stale), ("review-pack", changed)]


def test_every_name_of_the_context_is_declared_and_every_declared_name_exists(
        cli, example, tmp_path):
    # the example, a workspace with a location that closed, and review packs
    closing = make_year_end_workspace(tmp_path / "closing")
    strict = make_year_end_workspace(tmp_path / "strict", funders={"fonds-a": {
        "id": "fonds-a", "name": "Fonds A", "type": "private-fund",
        "rules": {"max_amount": 1000}}})
    contexts = _contexts(example) + _contexts(closing) + _review_contexts(cli, strict)
    seen: dict[str, set[str]] = {}
    for kind, context in contexts:
        assert kind in DECLARED, (
            f"the names of {kind} documents are not declared in grantgen/variables.py")
        names = context_names(context, open_keys=open_keys(DECLARED[kind]))
        seen.setdefault(kind, set()).update(canonical(n, DECLARED[kind]) for n in names)
    assert set(seen) == set(DECLARED)
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
    how, _arrow, value = lines[at + 1].strip().partition("  ->  ")
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


def _funding(example, year, source):
    funding = pd.read_csv(example / "facts" / "funding.csv")
    return funding[(funding["year"] == year) & (funding["source"] == source)]


def test_variables_of_a_report(cli, example):
    result = cli(["variables", "mitros", "--kind", "report", "--year", "2018",
                  "--workspace", str(example)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("The names a template of an accountability report may use, with their "
                        "value in the report on 2018 to Mitros.")
    assert lines[1].startswith("It is made from the built-in template "
                               "report-housing-corporation.docx: to change it, copy ")
    granted = _funding(example, 2018, "mitros")
    granted = granted[granted["status"].isin(["committed", "received"])]["amount"].sum()
    assert _listed(result.output, "grant.amount") == ("{{ grant.amount | amount }}",
                                                      amount(granted))
    how, _value = _listed(result.output, "costs.deviations[].explanation")
    assert how == "{{ d.explanation }}"
    how, _value = _listed(result.output, "locations[].figures.change.visits.value")
    assert how == "{{ loc.figures.change.visits.value | number(signed=True) }}"
    assert "requires.accountant_statement" in result.output
    assert "an extra column of your facts" not in result.output


def test_variables_of_the_annual_report_by_its_path(cli, example):
    result = cli(["variables", "output/2018/jaarverslag-2018.docx",
                  "--workspace", str(example)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("The names a template of the annual report may use, with "
                                    "their value in the annual report 2018.\n")
    assert _listed(result.output, "charts.participants") == ("{{ charts.participants }}",
                                                             "(a picture)")
    how, value = _listed(result.output, "charts.budget.caption")
    assert how == "{{ charts.budget.caption }}" and "2018" in value
    assert "closed[]" not in result.output  # the same names as locations[]
    assert re.search(r"^closed +the locations that closed this year, each with the names of "
                     r"locations\[\]$", result.output, re.M)


def test_variables_of_the_review_pack(cli, example_build):
    # the built example has drafts in output/; the Dutch word for the kind works too
    result = cli(["variables", "--kind", "beoordeling", "--year", "2019",
                  "--workspace", str(example_build.parent)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("The names the template of the review pack may use, with "
                                    "their value in the review pack of 2019.\n")
    how, value = _listed(result.output, "documents[].findings[].severity_label")
    assert how == "{{ f.severity_label }}"
    assert value in ("fout (the first item)", "let op (the first item)")
    how, value = _listed(result.output, "documents[].path")
    assert value == "2019/gemeente-utrecht/aanvraag-2019-de-klop.docx (the first item)"


def test_variables_without_documents_of_that_kind(cli, tmp_path):
    root = tmp_path / "nieuw"
    assert cli(["init", str(root)]).exit_code == 0
    for kind, note in (("report", "The funding plan calls for no report, so the names are "
                                  "shown without values."),
                       ("annual-report", "The funding plan calls for no annual report, so the "
                                         "names are shown without values."),
                       ("review-pack", "There are no documents in the output folder yet, so "
                                       "the names are shown without values: run grantgen "
                                       "build first.")):
        organisation = root / "facts" / "organisation.yaml"
        text = organisation.read_text(encoding="utf-8")
        for key, value in (("name", "Buurthuis"), ("legal_form", "stichting"),
                           ("mission", "Doel.")):
            text = re.sub(rf"^{key}:\s+#", f"{key}: {value}  #", text, count=1, flags=re.M)
        organisation.write_text(text, encoding="utf-8")
        result = cli(["variables", "--kind", kind, "--workspace", str(root)])
        assert result.exit_code == 0, result.output
        assert note in result.output
        assert "  ->  " not in result.output
    assert "{{ grant.amount | amount }}" in cli(
        ["variables", "--kind", "report", "--workspace", str(root)]).output


def test_variables_refuses_what_does_not_fit(cli, example):
    result = cli(["variables", "mitros", "--kind", "annual-report", "--workspace", str(example)])
    assert result.exit_code == 1
    assert ("The annual report is about the whole organisation, not about one funder: leave "
            "out 'mitros'.") in result.output
    result = cli(["variables", "2017/nergens.docx", "--workspace", str(example)])
    assert result.exit_code == 1
    assert "'2017/nergens.docx' is not a document the funding plan calls for." in result.output
    assert cli(["variables", "--kind", "brief", "--workspace", str(example)]).exit_code == 2


def test_variables_of_a_report_in_dutch(cli, example):
    result = cli(["variables", "--kind", "jaarverslag", "--workspace", str(example)],
                 env={"GRANTGEN_LANGUAGE": "nl"})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("De namen die je in een sjabloon voor het jaarverslag kunt "
                                    "gebruiken, met hun waarde in het jaarverslag 2016.")
    assert "grafiek van de unieke deelnemers per locatie door de jaren heen" in result.output


def test_a_paragraph_added_to_a_report_template_appears_filled_in(cli, example):
    listing = cli(["variables", "2018/mitros/verantwoording-2018.docx",
                   "--workspace", str(example)]).output
    share_how, share = _listed(listing, "grant.share_of_costs")
    assert share_how == "{{ grant.share_of_costs | percent }}"
    loop, _value = _listed(listing, "costs.deviations")
    assert loop == "{% for d in costs.deviations %}...{% endfor %}"
    item_how, _value = _listed(listing, "costs.deviations[].item")
    assert item_how == "{{ d.item }}"

    # as in Word: a copy of the built-in report template, with paragraphs below the summary
    (example / "templates").mkdir(exist_ok=True)
    template = example / "templates" / "report-housing-corporation.docx"
    shutil.copy(BUILTIN / template.name, template)
    document = Document(str(template))
    heading = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    from docx.text.paragraph import Paragraph

    below = Paragraph(heading._p.getnext(), heading._parent)
    below.insert_paragraph_before(f"Uw bijdrage dekte {share_how} van de kosten.")
    below.insert_paragraph_before("{%p for d in costs.deviations %}")
    below.insert_paragraph_before(f"Afwijking: {item_how}")
    below.insert_paragraph_before("{%p endfor %}")
    document.save(str(template))

    result = cli(["build", "--workspace", str(example), "--year", "2018"])
    assert result.exit_code == 0, result.output
    text = docx_text(example / "output" / "2018" / "mitros" / "verantwoording-2018.docx")
    assert f"Uw bijdrage dekte {share} van de kosten." in text
    # the deviating lines of the funded locations, computed here with plain pandas
    funded = set(_funding(example, 2018, "mitros")["location_id"])
    costs = {}
    for table in ("budget", "actuals"):
        frame = pd.read_csv(example / "facts" / f"{table}.csv")
        frame = frame[(frame["year"] == 2018) & frame["location_id"].isin(funded)]
        costs[table] = frame.groupby(["location_id", "category", "item"])["amount"].sum()
    both = pd.concat(costs, axis=1).fillna(0)
    deviating = both[(both["budget"] == 0)
                     | ((both["actuals"] - both["budget"]).abs() > 0.10 * both["budget"])]
    shown = [line for line in text.splitlines() if line.startswith("Afwijking: ")]
    assert sorted(shown) == sorted(f"Afwijking: {item}" for _l, _c, item in deviating.index)
    assert shown and "{%" not in text
