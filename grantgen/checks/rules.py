"""The funders' rules, held against every document the plan calls for (`grantgen check`).

Each finding is a Problem naming the document, what is wrong, where (the row of the request
in facts/funding.csv, the line of the profile, the text block or the attachment) and what
to do. Severity:
- a rule the funder's profile states is an error; the same rule coming only from the
  defaults of the funder's type (our reading of what such funders usually want) is a
  warning;
- missing or outdated attachments, deadlines passed or within 14 days, and amounts above
  which a fund wants to be contacted first are warnings;
- deadlines are not reported for documents whose current version is approved.
Builds never stop on these findings: they write drafts for the board to review.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Set as AbstractSet

from grantgen.checks.english import english_names
from grantgen.checks.funding import overpledged, oversubscribed
from grantgen.core.errors import Problem, Problems, Severity
from grantgen.core.formatting import amount as format_amount
from grantgen.core.formatting import date as format_date
from grantgen.core.formatting import number as format_number
from grantgen.core.formatting import percent as format_percent
from grantgen.core.i18n import _, current_language
from grantgen.core.labels import label
from grantgen.core.yamlfile import read_yaml
from grantgen.documents.glossary import glossary_of
from grantgen.facts.tables import ALL
from grantgen.figures import attachments as att
from grantgen.figures.deadlines import HISTORY_DAYS, SOON_DAYS, on
from grantgen.figures.fundable import fundable
from grantgen.figures.plan import DocumentSpec
from grantgen.profiles.funders import Funder

#: between the documents of a finding about several (document paths hold no commas)
DOCUMENT_SEPARATOR = ", "

def check_rules(prepared, approved: AbstractSet[str] = frozenset()) -> Problems:
    """Every finding of the funders' rules on the planned documents, counted from their
    date (`prepared.date`). `approved` holds the keys of documents whose current version is
    approved (no deadline findings for them)."""
    return _Checker(prepared, prepared.date, approved).run()


class _Checker:
    def __init__(self, prepared, today: dt.date, approved: AbstractSet[str]):
        self.prepared = prepared
        self.facts = prepared.facts
        self.figures = prepared.figures
        self.workspace = prepared.workspace
        self.today = today
        self.approved = approved
        self.language = self.facts.organisation.settings.language
        self.problems = Problems()
        self._lines: dict[str, dict] = {}
        self._once: set[tuple] = set()

    # ---- helpers -------------------------------------------------------------------------
    def money(self, value: float) -> str:
        return format_amount(value, language=self.language)

    def pct(self, value: float) -> str:
        return format_percent(value, language=self.language)

    def day(self, value: dt.date) -> str:
        return format_date(value, language=self.language)

    def lines(self, funder: Funder) -> dict:
        if funder.file not in self._lines:
            _data, lines = read_yaml(self.workspace.root / funder.file, funder.file, Problems())
            self._lines[funder.file] = lines
        return self._lines[funder.file]

    def line(self, funder: Funder, *path) -> int | None:
        lines = self.lines(funder)
        for n in range(len(path), 0, -1):
            if path[:n] in lines:
                return lines[path[:n]]
        return None

    def stated(self, funder: Funder, *path) -> bool:
        """Whether the profile itself states the rule (not only its type's defaults)."""
        return path in self.lines(funder)

    def severity(self, funder: Funder, rule: str) -> Severity:
        return "error" if self.stated(funder, "rules", rule) else "warning"

    def rule_hint(self, funder: Funder, rule: str) -> str:
        """Where the rule comes from, for the hint."""
        line = self.line(funder, "rules", rule)
        if self.stated(funder, "rules", rule):
            return _("The rule is rules.{rule} in {file}, line {line}.").format(
                rule=rule, file=funder.file, line=line)
        return _("The rule is a default for funders of type {type}; when {funder} says "
                 "otherwise, write it in {file} under rules: {rule}.").format(
                     type=funder.type, funder=funder.name, file=funder.file, rule=rule)

    def request_row(self, spec: DocumentSpec) -> int | None:
        funding = self.facts["funding"]
        rows = funding[(funding["year"] == spec.year) & (funding["location_id"] == spec.location_id)
                       & (funding["source"] == spec.funder_id)
                       & (funding["status"] == "requested")]
        return int(rows.index[0]) + 2 if len(rows) else None

    def where_name(self, spec: DocumentSpec) -> str:
        if not spec.location_id or spec.location_id == ALL:
            return _("the organisation as a whole")
        return str(self.facts.location(spec.location_id).get("name", spec.location_id))

    def add(self, spec: DocumentSpec, file: str, message: str, hint: str,
            severity: Severity = "error", **where) -> None:
        self.problems.items.append(Problem(file, message, hint=hint, severity=severity,
                                           document=spec.path, **where))

    def on_request(self, spec: DocumentSpec, message: str, hint: str,
                   severity: Severity = "error") -> None:
        """A finding about the amount asked: located at the request in the funding table."""
        self.add(spec, self.facts.files["funding"], message, hint, severity,
                 row=self.request_row(spec), column="amount")

    # ---- the checks ----------------------------------------------------------------------
    def run(self) -> Problems:
        for spec in self.prepared.specs:
            funder = self.facts.funders.get(spec.funder_id) if spec.funder_id else None
            if funder is None:
                continue
            if spec.kind == "application":
                self.amounts(spec, funder)
                self.budget(spec, funder)
                self.pays_for(spec, funder)
                self.legal_form(spec, funder)
                self.volunteers(spec, funder)
            self.attachments(spec, funder)
        self.deadlines([s for s in self.prepared.specs if s.key not in self.approved])
        oversubscribed(self.prepared, self.money, self.report)
        overpledged(self.prepared, self.money, self.report)
        self.problems.extend(english_names(self.prepared, glossary_of(self.facts)))
        return self.problems

    def report(self, file: str, message: str, hint: str, specs: list[DocumentSpec],
               row: int | None = None) -> None:
        """A warning about several documents at once (checks/funding.py)."""
        self.problems.items.append(Problem(
            file, message, hint=hint, severity="warning", row=row,
            column="amount" if row is not None else None,
            document=DOCUMENT_SEPARATOR.join(dict.fromkeys(s.path for s in specs)) or None))

    def amounts(self, spec: DocumentSpec, funder: Funder) -> None:
        rules = funder.rules
        asked = float(spec.amount or 0)
        if rules.min_amount is not None and asked < rules.min_amount:
            self.on_request(spec, _("{amount} is asked of {funder}, less than the {limit} it "
                                    "gives at least.").format(
                amount=self.money(asked), funder=funder.name, limit=self.money(rules.min_amount)),
                _("Ask at least {limit}, or ask a fund for smaller amounts. {source}").format(
                    limit=self.money(rules.min_amount),
                    source=self.rule_hint(funder, "min_amount")),
                self.severity(funder, "min_amount"))
        if rules.max_amount is not None and asked > rules.max_amount:
            self.on_request(spec, _("{amount} is asked of {funder}, more than the {limit} it "
                                    "gives at most.").format(
                amount=self.money(asked), funder=funder.name, limit=self.money(rules.max_amount)),
                _("Ask at most {limit} and find the other {rest} elsewhere. {source}").format(
                    limit=self.money(rules.max_amount),
                    rest=self.money(asked - rules.max_amount),
                    source=self.rule_hint(funder, "max_amount")),
                self.severity(funder, "max_amount"))
        if rules.contact_above is not None and asked > rules.contact_above:
            self.on_request(spec, _("{amount} is asked of {funder}, more than {limit}: the fund "
                                    "wants to be contacted before an application like this.")
                            .format(amount=self.money(asked), funder=funder.name,
                                    limit=self.money(rules.contact_above)),
                            _("Contact {funder} before sending it, and mention that contact "
                              "in the letter. {source}").format(
                                funder=funder.name, source=self.rule_hint(funder, "contact_above")),
                            "warning")

    def budget(self, spec: DocumentSpec, funder: Funder) -> None:
        rules = funder.rules
        location = spec.location_id or ALL
        asked = float(spec.amount or 0)
        total = self.figures.budget_total(spec.year, location)
        uses_budget = {"max_share": rules.max_share is not None,
                       "min_cofunding": rules.min_cofunding is not None,
                       "excluded_costs": bool(rules.excluded_costs),
                       "balanced_budget": rules.balanced_budget}
        if not any(uses_budget.values()):
            return
        if total <= 0:
            rule = next(r for r, used in uses_budget.items() if used)
            self.add(spec, self.facts.files["budget"], _(
                "there is no budget for {where} in {year}, so {funder}'s rules on the budget "
                "cannot be met.").format(where=self.where_name(spec), year=spec.year,
                                         funder=funder.name),
                _("Add the planned costs of {year} to {file}.").format(
                    year=spec.year, file=self.facts.files["budget"]),
                self.severity(funder, rule))
            return
        share = asked / total
        if rules.max_share is not None and share > rules.max_share + 1e-9:
            allowed = math.floor(rules.max_share * total)
            self.on_request(spec, _("{amount} is {share} of the budget of {total} for {where}; "
                                    "{funder} carries at most {limit} of a budget.").format(
                amount=self.money(asked), share=self.pct(share), total=self.money(total),
                where=self.where_name(spec), funder=funder.name, limit=self.pct(rules.max_share)),
                _("Ask at most {allowed}, and show where the rest comes from in the "
                  "dekkingsplan. {source}").format(
                    allowed=self.money(allowed), source=self.rule_hint(funder, "max_share")),
                self.severity(funder, "max_share"))
        if rules.min_cofunding is not None and 1 - share < rules.min_cofunding - 1e-9:
            allowed = math.floor((1 - rules.min_cofunding) * total)
            self.on_request(spec, _("{funder} wants at least {limit} of the budget to come from "
                                    "others; asking {amount} of {total} leaves {others} to "
                                    "others.").format(
                funder=funder.name, limit=self.pct(rules.min_cofunding), amount=self.money(asked),
                total=self.money(total), others=self.pct(1 - share)),
                _("Ask at most {allowed}, or find co-funding or an own contribution and add it "
                  "to {file}. {source}").format(
                    allowed=self.money(allowed), file=self.facts.files["funding"],
                    source=self.rule_hint(funder, "min_cofunding")),
                self.severity(funder, "min_cofunding"))
        if rules.excluded_costs:
            self.excluded_costs(spec, funder)
        if rules.balanced_budget:
            self.balanced(spec, funder, asked, total)

    def balanced(self, spec: DocumentSpec, funder: Funder, asked: float, total: float) -> None:
        """A sluitende begroting: costs = committed income + this request, or + this request
        and the other open requests together (each of them needed). The advice counts the
        other open requests."""
        location = spec.location_id or ALL
        committed = self.figures.committed(spec.year, location)
        balance = self.figures.balance(spec.year, location, asked)
        others = round(self.figures.requested(spec.year, location) - asked, 2)
        if abs(balance) < 0.01 or (others >= 0.01 and abs(balance - others) < 0.01):
            return
        if balance > 0:
            message = _("the budget for {where} in {year} is not sluitend: the costs of "
                        "{total} minus the committed income of {committed} and this "
                        "request of {amount} leave {balance} uncovered.")
        else:
            message = _("the budget for {where} in {year} is not sluitend: the committed "
                        "income of {committed} and this request of {amount} are "
                        "{balance} more than the costs of {total}.")
        gap = max(total - committed, 0)
        names = self.other_requests(spec)
        if balance > 0 and others >= 0.01 and balance - others >= 0.01:
            advice = _("ask {fitting} so that the budget closes with this request, or {less} "
                       "counting the other open requests ({others}: {names})").format(
                fitting=self.money(gap), less=self.money(asked + balance - others),
                others=self.money(others), names=names)
        elif balance > 0 and others >= 0.01:
            advice = _("ask {fitting} so that the budget closes with this request; the other "
                       "open requests ({others}: {names}) are more than the {balance} still "
                       "open, but count as income only once they are granted").format(
                fitting=self.money(gap), others=self.money(others), names=names,
                balance=self.money(balance))
        else:
            advice = _("ask {fitting}").format(fitting=self.money(gap))
        self.on_request(spec, message.format(
            where=self.where_name(spec), year=spec.year, total=self.money(total),
            committed=self.money(committed), amount=self.money(asked),
            balance=self.money(abs(balance))),
            _("{funder} wants costs = all income, this request included: {advice}; or "
              "complete the income in {funding} or the costs in {budget}. {source}").format(
                funder=funder.name, advice=advice, funding=self.facts.files["funding"],
                budget=self.facts.files["budget"],
                source=self.rule_hint(funder, "balanced_budget")),
            self.severity(funder, "balanced_budget"))

    def other_requests(self, spec: DocumentSpec) -> str:
        """The other open requests for the same year and location: 'Oranje Fonds € 25.000,
        Kansfonds € 15.000'."""
        rows = self.figures.funding_rows(spec.year, spec.location_id or ALL)
        rows = rows[(rows["status"] == "requested")
                    & ((rows["source"] != spec.funder_id)
                       | (rows["location_id"] != spec.location_id))]
        return ", ".join(f"{self.source_name(source)} {self.money(amount)}" for source, amount in
                         rows.groupby("source", sort=False)["amount"].sum().items())

    def source_name(self, source: object) -> str:
        funder = self.facts.funders.get(str(source))
        return funder.name if funder else str(source)

    def excluded_costs(self, spec: DocumentSpec, funder: Funder) -> None:
        """A name in rules.excluded_costs that the budget does not know is a warning."""
        names = {n.strip().casefold(): n for n in funder.rules.excluded_costs}
        budget = self.facts["budget"]
        known = {str(v).strip().casefold() for column in ("category", "item")
                 for v in budget[column].dropna()}
        for key, name in names.items():
            if key not in known and (funder.id, "excluded", key) not in self._once:
                self._once.add((funder.id, "excluded", key))
                self.add(spec, funder.file, _("rules.excluded_costs: '{name}' is neither a "
                                              "category nor an item in {budget}.").format(
                    name=name, budget=self.facts.files["budget"]),
                    _("Write it exactly as the budget names the category or item."),
                    "warning", line=self.line(funder, "rules", "excluded_costs"))

    def pays_for(self, spec: DocumentSpec, funder: Funder) -> None:
        """The budget lines the funder does not exclude must add up to at least the amount
        asked: the application shows them as what the contribution pays for. An error."""
        asked = float(spec.amount or 0)
        lines = self.figures.budget_lines(spec.year, spec.location_id or ALL)
        parted = fundable(lines, funder.rules.excluded_costs)
        if parted.covers(asked):
            return
        if not len(lines):
            rules = funder.rules
            if (rules.max_share is not None or rules.min_cofunding is not None
                    or rules.excluded_costs or rules.balanced_budget):
                return  # said already, with the funder's rules on the budget
            self.add(spec, self.facts.files["budget"], _(
                "there is no budget for {where} in {year}, so the application cannot show what "
                "the {amount} asked of {funder} pays for.").format(
                    where=self.where_name(spec), year=spec.year, amount=self.money(asked),
                    funder=funder.name),
                _("Add the planned costs of {year} to {file}.").format(
                    year=spec.year, file=self.facts.files["budget"]))
        elif len(parted.excluded):
            shown = ", ".join(f"{item} ({self.money(amount)})" for item, amount in
                              parted.excluded.groupby("item", sort=False)["amount"].sum().items())
            self.on_request(spec, _("{amount} is asked of {funder}, but it does not pay for "
                                    "{items}; the costs it may pay for come to {allowed}.")
                            .format(amount=self.money(asked), funder=funder.name, items=shown,
                                    allowed=self.money(parted.total)),
                            _("Ask at most {allowed}, and cover the excluded costs from other "
                              "income. {source}").format(
                                allowed=self.money(parted.total),
                                source=self.rule_hint(funder, "excluded_costs")))
        else:
            self.on_request(spec, _("{amount} is asked of {funder}, more than the whole budget "
                                    "of {total} for {where} in {year}: a contribution pays for "
                                    "costs, and there are no more.").format(
                amount=self.money(asked), funder=funder.name, total=self.money(parted.total),
                where=self.where_name(spec), year=spec.year),
                _("Ask at most {total}, or complete the budget in {file}.").format(
                    total=self.money(parted.total), file=self.facts.files["budget"]))

    def legal_form(self, spec: DocumentSpec, funder: Funder) -> None:
        forms = funder.rules.legal_forms
        organisation = self.facts.organisation
        if not forms or organisation.legal_form in forms:
            return
        accepted = (" " + _("or") + " ").join(label("legal_form", f, self.language)
                                              for f in forms)
        form = label("legal_form", organisation.legal_form, self.language)
        if "facts/organisation.yaml" not in self._lines:
            self._lines["facts/organisation.yaml"] = read_yaml(
                self.workspace.facts_dir / "organisation.yaml", "facts/organisation.yaml",
                Problems())[1]
        where = {"line": self._lines["facts/organisation.yaml"].get(("legal_form",))}
        if self.stated(funder, "rules", "legal_forms"):
            self.add(spec, "facts/organisation.yaml", _(
                "{funder} accepts applications from a {accepted} only, and the applicant is a "
                "{form}.").format(funder=funder.name, accepted=accepted, form=form),
                _("Apply through an organisation with a legal form {funder} accepts, or ask "
                  "{funder} for an exception. {source}").format(
                    funder=funder.name, source=self.rule_hint(funder, "legal_forms")),
                "error", **where)
        else:
            self.add(spec, "facts/organisation.yaml", _(
                "{funder} may refuse the application: a {type} usually accepts applications "
                "from a {accepted} only, and the applicant is a {form}.").format(
                    funder=funder.name,
                    type=label("funder_type", funder.type, current_language()),
                    accepted=accepted, form=form),
                _("Ask {funder} whether it accepts a {form}, and write the answer in {file} "
                  "as rules: legal_forms: [...].").format(
                    funder=funder.name, form=form, file=funder.file),
                "warning", kind="legal-form", **where)

    def volunteers(self, spec: DocumentSpec, funder: Funder) -> None:
        rules = funder.rules
        if not rules.requires_volunteers and rules.min_volunteers is None:
            return
        location = spec.location_id or ALL
        file = self.facts.files["volunteers"]
        years = [y for y in self.facts.years("volunteers") if y <= spec.year]
        figures = [(y, self.figures.volunteers(y, location)["volunteers"]) for y in years]
        figures = [(y, n) for y, n in figures if n is not None]
        rule = "min_volunteers" if rules.min_volunteers is not None else "requires_volunteers"
        if not figures:
            self.add(spec, file, _("no volunteers are recorded for {where}, and {funder} "
                                   "requires volunteers.").format(
                where=self.where_name(spec), funder=funder.name),
                _("Add the volunteers of {where} per year to {file}. {source}").format(
                    where=self.where_name(spec), file=file,
                    source=self.rule_hint(funder, rule)),
                self.severity(funder, rule))
            return
        year, count = figures[-1]
        if rules.min_volunteers is not None and count < rules.min_volunteers:
            volunteers = self.facts["volunteers"]
            rows = volunteers[(volunteers["year"] == year)
                              & (volunteers["location_id"] == location)]
            self.add(spec, file, _("{where} had {count} volunteers in {year}; {funder} requires "
                                   "at least {limit}.").format(
                where=self.where_name(spec), count=format_number(count, language=self.language),
                year=year, funder=funder.name, limit=rules.min_volunteers),
                _("Only apply when at least {limit} volunteers take part, and record them in "
                  "{file}. {source}").format(limit=rules.min_volunteers, file=file,
                                             source=self.rule_hint(funder, "min_volunteers")),
                self.severity(funder, "min_volunteers"),
                row=int(rows.index[0]) + 2 if len(rows) else None,
                column="volunteers" if len(rows) else None)

    def attachments(self, spec: DocumentSpec, funder: Funder) -> None:
        location_ids = list(self.facts.locations["location_id"]) + [ALL]
        wanted = att.required(funder, spec, self.facts)
        for index, attachment in enumerate(funder.attachments):
            if attachment not in wanted or attachment.in_document:
                continue
            line = self.line(funder, "attachments", index)
            found = att.find(self.workspace, attachment.id, funder.id, spec.location_id,
                             location_ids)
            if found is None:
                self.add(spec, f"{att.FOLDER}/", _("the attachment '{name}' that {funder} "
                                                   "wants is not there.").format(
                    name=attachment.name, funder=funder.name),
                    _("Save it in {folder}/ as {id} followed by its type, e.g. {folder}/{id}.pdf "
                      "(in {folder}/{funder_id}/ when it is for {funder} only; see "
                      "{file}, line {line}).").format(
                        folder=att.FOLDER, id=attachment.id, funder_id=funder.id,
                        funder=funder.name, file=funder.file, line=line),
                    "warning", kind="attachment-missing")
                continue
            months = attachment.max_age_months
            if months is None:
                continue
            if found.issued is None:
                self.add(spec, found.file, _("{funder} wants '{name}' at most {months} months "
                                             "old, and its file name does not say when it was "
                                             "issued.").format(
                    funder=funder.name, name=attachment.name, months=months),
                    _("Add the date it was issued to the file name, e.g. {id}-2018-11-20{ext}.")
                    .format(id=attachment.id, ext=found.path.suffix), "warning",
                    kind="attachment-age")
            elif att.months_later(found.issued, months) < self.today:
                self.add(spec, found.file, _("was issued on {issued}, more than {months} months "
                                             "before {today}; {funder} wants '{name}' at most "
                                             "{months} months old.").format(
                    issued=self.day(found.issued), months=months, today=self.day(self.today),
                    funder=funder.name, name=attachment.name),
                    _("Get a new one and save it with its date in the file name, e.g. "
                      "{id}-{date}{ext}.").format(id=attachment.id, date=self.today.isoformat(),
                                                 ext=found.path.suffix), "warning",
                    kind="attachment-age")

    def deadlines(self, specs: list[DocumentSpec]) -> None:
        """Deadlines passed or close, one finding per funder deadline naming its documents
        (a funder's deadline is the same for all its applications of a year)."""
        due: dict[tuple, list[DocumentSpec]] = {}
        for spec in specs:
            funder = self.facts.funders.get(spec.funder_id) if spec.funder_id else None
            for index, deadline in enumerate(funder.deadlines if funder else []):
                if deadline.kind == spec.kind:
                    assert funder is not None  # the loop runs over a funder's deadlines only
                    due.setdefault((funder.id, index, spec.year), []).append(spec)
        for (funder_id, index, year), documents in due.items():
            funder = self.facts.funders[funder_id]
            deadline = funder.deadlines[index]
            date = on(deadline, year)
            days = (date - self.today).days
            if days > SOON_DAYS or (deadline.kind == "report" and days < -HISTORY_DAYS):
                # a report deadline more than a year past is history (the report on an old
                # year went out long ago), not something a fundraiser can still act on
                continue
            label = f" ({deadline.label})" if deadline.label else ""
            kind = _kind(deadline.kind)
            if days < 0 and deadline.kind == "application":
                message = (_("the application is dated {today}, {days} days after the deadline "
                             "of {funder} for {year}: {date}{label}.") if len(documents) == 1
                           else _("the applications are dated {today}, {days} days after the "
                                  "deadline of {funder} for {year}: {date}{label}.")).format(
                    today=self.day(self.today), days=-days, funder=funder.name, year=year,
                    date=self.day(date), label=label)
                hint = _("Ask {funder} whether it still accepts it, or plan it for the next "
                         "round. The documents are dated settings.document_date in "
                         "facts/organisation.yaml (or --date), else today.").format(
                    funder=funder.name)
            elif days < 0:
                message = _("the {kind} deadline of {funder} for {year} was {date}{label}, "
                            "{days} days before {today}.").format(
                    kind=kind, funder=funder.name, year=year, date=self.day(date), label=label,
                    days=-days, today=self.day(self.today))
                hint = _("Ask {funder} whether it still accepts it, or plan it for the next "
                         "round.").format(funder=funder.name)
            else:
                message = _("{days} day(s) left: the {kind} deadline of {funder} for {year} is "
                            "{date}{label}.").format(days=days, kind=kind, funder=funder.name,
                                                     year=year, date=self.day(date), label=label)
                hint = _("Have the board review and approve it in time: grantgen review, then "
                         "grantgen approve.")
            self.problems.items.append(Problem(
                funder.file, message, hint=hint, severity="warning",
                line=self.line(funder, "deadlines", index), kind="deadline",
                document=DOCUMENT_SEPARATOR.join(s.path for s in documents)))


def documents_of(problem: Problem) -> list[str]:
    """The documents a finding is about (a deadline finding may name several)."""
    return problem.document.split(DOCUMENT_SEPARATOR) if problem.document else []


def _kind(kind: str) -> str:
    return {"application": _("application"), "report": _("report")}.get(kind, kind)
