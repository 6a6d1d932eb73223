"""A mistake in a YAML file (organisation.yaml, a funder profile, a text's header) is said in
plain words, in the user's language: the file, the line, that line as it is written and what
to type instead; never the YAML parser's own words. What it suggests typing works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from grantgen.core.errors import Problems
from grantgen.core.yamlfile import parse_yaml
from grantgen.core.yamlwords import quoted
from workspace_factory import make_workspace

#: what PyYAML says, which must never reach a user
PARSER_WORDS = ("mapping values", "could not find", "while scanning", "while parsing",
                "expected <block end>", "found character", "cannot start any token",
                "<stream end>", "found unexpected", "special characters are not allowed",
                "undefined alias", "constructor for the tag", "single document", "<scalar>",
                "unacceptable character", "is not valid YAML")

PROFILE = "id: fonds-a\nname: Fonds A\ntype: private-fund\n"

#: (what is typed after the profile's lines, the message of the line it is on, the hint)
MISTAKES = {
    "colon in a value": (
        "description: Samen: sterk in de wijk\n",
        "line 4: the value of 'description' holds a colon followed by a space, which YAML "
        "reads as the start of another key: 'description: Samen: sterk in de wijk'.",
        'Put the value in quotes: description: "Samen: sterk in de wijk"'),
    "tab as indentation": (
        "rules:\n\tmax_amount: 5000\n",
        "line 5: this line is indented with a tab: '[tab]max_amount: 5000'.",
        "Indent with spaces, not a tab: YAML does not accept tabs."),
    "tab between the words": (
        "programme:\tBuurt\n",
        "line 4: this line holds a tab where YAML does not accept one: "
        "'programme:[tab]Buurt'.", "Replace the tab with a space."),
    "unclosed quote": (
        "programme: 't Buurthuis\nwebsite: https://fonds-a.example\n",
        "line 4: the quote ' opened on this line is never closed: 'programme: 't Buurthuis'.",
        "Add the closing ' at the end of the value; or, if the ' is part of the text, write: "
        "programme: \"'t Buurthuis\""),
    "text after the closing quote": (
        'programme: "Samen" in de wijk\n',
        "line 4: the value of 'programme' goes on after its closing quote: "
        "'programme: \"Samen\" in de wijk'.",
        "Put the whole value between quotes: programme: '\"Samen\" in de wijk'"),
    "a backslash between double quotes": (
        'programme: "Buurt\\Wijk"\n',
        "line 4: between double quotes a backslash (\\) must start a code YAML knows, and "
        "here it does not: 'programme: \"Buurt\\Wijk\"'.",
        "Use single quotes around the value instead: programme: 'Buurt\\Wijk'"),
    "indented too far": (
        "programme: Buurt\n  website: https://fonds-a.example\n",
        "line 5: this line is indented further than the line above it, so YAML reads it as "
        "part of that line's value: 'website: https://fonds-a.example'.",
        "Indent it with as many spaces as the keys above it at the same level."),
    "not lined up": (
        "rules:\n  max_amount: 5000\n min_amount: 100\n",
        "line 6: this line is not lined up with the lines above it: 'min_amount: 100'.",
        "Indent it with spaces exactly as far as the other keys of its level"),
    "no colon": (
        "programme Buurt\n",
        "line 4: this line has no colon, so YAML cannot tell a key from its value: "
        "'programme Buurt'.", "Write it as 'key: value', with a colon and a space after"),
    "an unclosed bracket": (
        "themes: [eenzaamheid, participatie\n",
        "line 4: the [ opened on this line is never closed: "
        "'themes: [eenzaamheid, participatie'.", "otherwise close it with ]."),
    "a value starting with @": (
        "programme: @buurt\n",
        "line 4: @ at the start of a value (or of a line) means something else in YAML: "
        "'programme: @buurt'.", 'Put it in quotes: programme: "@buurt"'),
    "a value starting with *": (
        "programme: *Samen* in de wijk\n",
        "line 4: * at the start of a value (or of a line) means something else in YAML: "
        "'programme: *Samen* in de wijk'.", 'Put it in quotes: programme: "*Samen* in de wijk"'),
    "a second document": (
        "---\nprogramme: Buurt\n",
        "line 4: a line '---' here starts a second part of the file, and a settings file has "
        "only one: '---'.", "Remove this '---' line"),
    "a control character": (
        "programme: Buurt\x07huis\n",
        "line 4: this line holds an invisible control character (code #x0007), which a YAML "
        "file cannot hold: 'programme: Buurthuis'.", "Delete it"),
    "a key written twice": (
        "programme: Buurt\nprogramme: Wijk\n",
        "line 5: the key 'programme' is written twice: on line 4 and on this line.",
        "Keep one of the two; otherwise only the last would count."),
}


def _check(cli, tmp_path: Path, profile: str, language: str = "en"):
    root = make_workspace(tmp_path / "ws")
    (root / "funders" / "fonds-a.yaml").write_text(profile, encoding="utf-8")
    return cli(["check", "--workspace", str(root)], env={"GRANTGEN_LANGUAGE": language})


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_a_yaml_mistake_in_plain_words(cli, tmp_path, mistake):
    typed, message, hint = MISTAKES[mistake]
    result = _check(cli, tmp_path, PROFILE + typed)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "funders/fonds-a.yaml" in line]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("funders/fonds-a.yaml, " + message), lines[0]
    assert hint in lines[0]
    for words in PARSER_WORDS:
        assert words not in result.output


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_the_same_mistake_in_dutch(cli, tmp_path, mistake):
    typed, message, _hint = MISTAKES[mistake]
    result = _check(cli, tmp_path, PROFILE + typed, language="nl")
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if "funders/fonds-a.yaml" in line)
    number = re.match(r"line (\d+): ", message)[1]
    assert line.startswith(f"funders/fonds-a.yaml, regel {number}: "), line
    english = message.split(": ", 1)[1].split(":")[0]
    assert english not in line  # translated, not the English words
    for words in PARSER_WORDS:
        assert words not in result.output


def test_dutch_words_for_a_colon_and_a_tab(cli, tmp_path):
    result = _check(cli, tmp_path, PROFILE + "description: Samen: sterk\n", language="nl")
    assert ("funders/fonds-a.yaml, regel 4: de waarde van 'description' bevat een dubbele punt "
            "met een spatie erachter, en dat leest YAML als het begin van een nieuwe naam: "
            "'description: Samen: sterk'. Zet de waarde tussen aanhalingstekens: "
            'description: "Samen: sterk"') in result.output
    result = _check(cli, tmp_path / "tab", PROFILE + "rules:\n\tmax_amount: 5000\n",
                    language="nl")
    assert ("funders/fonds-a.yaml, regel 5: deze regel springt in met een tab: "
            "'[tab]max_amount: 5000'. Spring in met spaties, niet met een tab") in result.output


#: the hints that give a line to type instead, and the value that line means
FIXES = {
    "colon in a value": ("description", "Samen: sterk in de wijk"),
    "unclosed quote": ("programme", "'t Buurthuis"),
    "text after the closing quote": ("programme", '"Samen" in de wijk'),
    "a value starting with @": ("programme", "@buurt"),
    "a backslash between double quotes": ("programme", "Buurt\\Wijk"),
    "a value starting with *": ("programme", "*Samen* in de wijk"),
}


@pytest.mark.parametrize("mistake", list(FIXES))
def test_typing_what_the_hint_says_gives_the_value_meant(cli, tmp_path, mistake):
    typed, message, _hint = MISTAKES[mistake]
    result = _check(cli, tmp_path, PROFILE + typed)
    line = next(line for line in result.output.splitlines() if "funders/fonds-a.yaml" in line)
    fixed = re.search(r"(?:in quotes|between quotes|the text, write|instead): (.*?)\.?$",
                      line)[1]
    number = int(re.match(r"line (\d+): ", message)[1])
    lines = (PROFILE + typed).splitlines()
    lines[number - 1] = fixed
    key, meant = FIXES[mistake]
    problems = Problems()
    data, _lines = parse_yaml("\n".join(lines) + "\n", "funders/fonds-a.yaml", problems)
    assert not problems, problems.summary_lines()
    assert data[key] == meant


def test_a_mistake_in_organisation_yaml_and_in_a_texts_header(cli, tmp_path):
    root = make_workspace(tmp_path / "ws")
    organisation = root / "facts" / "organisation.yaml"
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(text.replace("city: Amersfoort", "city: Amersfoort: Schothorst"),
                            encoding="utf-8")
    (root / "texts").mkdir()
    (root / "texts" / "samenvatting.md").write_text(
        "---\nowner: Els Bakker\n\treviewed: 2018-11-01\n---\nTekst.\n", encoding="utf-8")
    result = cli(["check", "--workspace", str(root)])
    assert result.exit_code == 1
    number = text.splitlines().index("city: Amersfoort") + 1
    assert (f"facts/organisation.yaml, line {number}: the value of 'city' holds a colon "
            "followed by a space") in result.output
    assert 'Put the value in quotes: city: "Amersfoort: Schothorst"' in result.output
    # the line of the file, not of the header: the header starts on line 2
    assert ("texts/samenvatting.md, line 3: this line is indented with a tab: "
            "'[tab]reviewed: 2018-11-01'.") in result.output


_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp")),
                max_size=40)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_a_quoted_value_reads_back_as_typed(value):
    assert yaml.safe_load(f"key: {quoted(value)}\n")["key"] == value.strip()


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sampled_from(["", "  ", "\t", "- "]))
def test_whatever_is_typed_a_problem_has_a_line_and_plain_words(value, indent):
    problems = Problems()
    text = f"name: X\n{indent}key: {value}\nother: 1\n"
    data, _lines = parse_yaml(text, "funders/fonds-a.yaml", problems)
    if data is None:
        assert len(problems.items) >= 1
    for problem in problems.items:
        assert problem.line is not None and problem.hint
        assert 1 <= problem.line <= 3
        for words in PARSER_WORDS:
            assert words not in problem.message and words not in problem.hint


BROKEN = Path(__file__).parent / "broken"
#: the corpus's YAML cases (scripts/make_broken.py), which tests/test_broken.py runs in English
YAML_CASES = ["yaml-colon-in-organisation-value", "yaml-tab-in-funder-profile",
              "yaml-unclosed-quote", "yaml-key-written-twice", "organisation-impossible-date"]


@pytest.mark.parametrize("case", YAML_CASES)
def test_the_corpus_cases_in_dutch(cli, case):
    expected = [line for line in (BROKEN / case / "expected.txt").read_text("utf-8")
                .splitlines() if line.strip() and not line.startswith("#")]
    result = cli(["check", "--workspace", str(BROKEN / case)], env={"GRANTGEN_LANGUAGE": "nl"})
    assert result.exit_code == 1
    where = re.match(r"^([^,]+), line (\d+): ", expected[0])
    lines = [line for line in result.output.splitlines()
             if line.startswith(f"{where[1]}, regel {where[2]}: ")]
    assert len(lines) == 1, result.output
    dutch = lines[0].split(": ", 1)[1]
    assert dutch not in expected[0] and expected[0][where.end():] not in lines[0]
    for words in PARSER_WORDS:
        assert words not in result.output


def _yaml_texts() -> list[Path]:
    root = Path(__file__).parent.parent
    found = [*root.glob("facts/*.yaml"), *root.glob("funders/*.yaml"),
             *root.glob("grantgen/starter/**/*.yaml"), *BROKEN.glob("*/*/*.yaml"),
             *BROKEN.glob("*/*.yaml")]
    return sorted(found)


@pytest.mark.skipif(not getattr(__import__("yaml"), "__with_libyaml__", False),
                    reason="PyYAML without libyaml: the pure-Python parser reads everything")
def test_the_fast_parser_reads_what_the_pure_one_reads():
    """Each text is read with libyaml's C parser and only when that fails again with
    PyYAML's own (core/yamlfile.py): both must give the same data and lines, and refuse
    the same texts, for the example, the starter and every case of the broken corpus."""
    import yaml

    from grantgen.core.yamlfile import _FastLoader, _line_map, _load, _Loader

    texts = _yaml_texts()
    assert len(texts) > 20
    for path in texts:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        if "\t" in text:  # read by the pure-Python parser alone
            continue
        outcomes = []
        for loader in (_Loader, _FastLoader):
            try:
                node, data = _load(loader, text)
            except yaml.YAMLError:
                outcomes.append(None)
            else:
                outcomes.append((data, _line_map(node) if node is not None else {}))
        assert outcomes[0] == outcomes[1], path
