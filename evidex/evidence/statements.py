"""Statements in running text -> evidence rows, each with section, page, quote and character span.

The paper is read block by block, sentence by sentence (``text.assemble``);
a subgroup set by a lead-in phrase holds until the text changes it or the
paragraph ends. Results other studies reported (discussion, citations) are
skipped. Arm-level tables are read by ``arm_tables``.
"""

from __future__ import annotations

import dataclasses
import re

from evidex.codes import Check, Domain, Severity
from evidex.evidence import outcomes, study
from evidex.evidence.study import StudyModel
from evidex.evidence.text import align, assemble, context, lexicon, roles, sample
from evidex.evidence.text import sentences as sent
from evidex.evidence.text.rows import Draft, OutcomeRef, Sentence, domain_of
from evidex.evidence.text.stats import p_values
from evidex.models import Document, Evidence, Finding, Normalizer, Provenance, TextBlock

_SECTIONS = ("abstract", "methods", "results", "discussion", "conclusion", "other")


def extract(doc: Document, normalizer: Normalizer, model: StudyModel | None = None
            ) -> tuple[list[Evidence], list[Finding]]:  # fmt: skip
    """Evidence rows of the paper's sentences, their arms resolved against the study model (built here when the
    caller has none: the text's groups only)."""
    if model is None:
        model = study.build(doc, normalizer, [])
    ctx = context.build(doc, normalizer, model)
    rows: list[Evidence] = []
    findings: list[Finding] = []
    sections = roles.Sections()
    for block in doc.blocks:
        sections.start(block)
        if block.kind == "heading":
            sections.label(block.text)
        if block.kind != "paragraph" or block.section not in _SECTIONS:
            continue
        for span, s in _read_block(block, normalizer, ctx, sections):
            start, end = _offsets(doc, block, span)
            for d in s.drafts:
                rows.append(_evidence(doc, block, span, d, ctx, start, end, _section(block, s)))
                if d.missing:
                    findings.append(_missing(doc, block, span.text, d))
    rows = [r for r in rows if r.outcome not in _SEXES or not sample.sex_as_people(r.quote)]
    rows = _sizes_of_arms(rows, model)
    rows, unplaced = _unplaced(rows, model)
    return _once(_dedupe(rows) + _arm_sizes(doc, model, rows)), findings + unplaced


def _unplaced(rows: list[Evidence], model: StudyModel) -> tuple[list[Evidence], list[Finding]]:
    """ "Responder rates were 28.1%, 36.1% and 40.7%; ... 42.9% for 2400 mg" where the arms do not resolve: in a
    study of two or more arms, a sentence that speaks of groups ("respectively", "group", "versus") and leaves
    most values of one outcome without an arm gives them to groups the reader could not tell. A meta-analyst
    would rather have no row than one per arm under "all": they are left out with a finding. A single value
    under "all", values at two times ("increased from 72% to 93%"), and whole-population values beside as many
    per-arm ones ("100% achieved CR; 84% after induction (81% in cohort 1 and 89% in cohort 2)") stay."""
    if len(model.arms) < 2:
        return rows, []
    groups: dict[tuple, list[Evidence]] = {}
    for r in rows:
        if r.outcome != "ENROLLED" and r.statistic not in _EFFECTS and _GROUPS.search(r.quote):
            key = (r.quote, r.outcome, r.outcome_raw, r.statistic, r.subgroup, r.grade, r.timepoint_months)
            groups.setdefault(key, []).append(r)
    drop: list[list[Evidence]] = []
    for g in groups.values():
        free = [r for r in g if not r.arm_id]
        if len({(r.value, r.events, r.total) for r in free}) >= 2 and len(free) > len(g) - len(free):
            drop.append(free)
    drop += _each_its_group(rows, {id(r) for f in drop for r in f})
    findings = [Finding(study_id=f[0].study_id, check=Check.ARM_NOT_RESOLVED, severity=Severity.INFO,
                        message=f"{len(f)} values of {f[0].outcome or f[0].outcome_raw} in one sentence name no "
                                "arm of the study: left out.",
                        page=f[0].prov.page, quote=f[0].quote, stage="evidence", table="evidence", column="arm")
                for f in drop]  # fmt: skip
    gone = {id(r) for f in drop for r in f}
    return [r for r in rows if id(r) not in gone], findings


def _each_its_group(rows: list[Evidence], gone: set[int]) -> list[list[Evidence]]:
    """ "90 (88%) in the X group and 100 (92%) in the control group" where X names no arm: a sentence naming a
    group for each value of one outcome gives each value its own group, so a value left unplaced, or a second
    value given to an arm that already has one, belongs to a group the reader could not tell."""
    groups: dict[tuple, list[Evidence]] = {}
    for r in rows:
        if id(r) not in gone and r.outcome != "ENROLLED" and r.statistic not in _EFFECTS:
            groups.setdefault((r.quote, r.outcome, r.outcome_raw, r.statistic, r.timepoint_months), []).append(r)
    out = []
    for g in groups.values():
        if not len(_GROUP_NOUN.findall(g[0].quote)) >= len(g) >= 2:
            continue
        if len({(r.value, r.events, r.total) for r in g}) < len(g):
            continue  # a value twice is one value told twice, not two groups'
        seen: set[str] = set()
        extra = []
        for r in g:
            if not r.arm_id or r.arm_id in seen:
                extra.append(r)
            seen.add(r.arm_id)
        if extra:
            out.append(extra)
    return out


_GROUP_NOUN = re.compile(rf"\b(?:{lexicon.alternation('study_group_nouns')})\b", re.I)
_EFFECTS = ("hazard_ratio", "odds_ratio", "risk_ratio", "difference")
_SEXES = ("SEX_FEMALE", "SEX_MALE")
_CONTRASTS = "|".join(w for w in lexicon.data()["versus"] if w != "and")  # "and" joins any two things
_GROUPS = re.compile(rf"\b(?:{lexicon.alternation('respectively')}|{lexicon.alternation('group_nouns')}|"
                     rf"{_CONTRASTS})\b", re.I)


def _sizes_of_arms(rows: list[Evidence], model: StudyModel) -> list[Evidence]:
    """ "treated with A (n = 77) or with the combination of B plus C with or without D (n = 58)": a group size the
    sentence could not tie to a name is the size of the one arm the study model found printed with that n in the
    same sentence."""
    out = []
    for r in rows:
        if r.outcome == "ENROLLED" and not r.arm_id and r.prov.method == "stmt.group_size_n.v1":
            same = [a for a in model.arms if a.n == r.events and a.quote and r.quote and (a.quote in r.quote
                    or r.quote in a.quote)]  # fmt: skip
            if len(same) == 1:
                r = dataclasses.replace(r, arm=same[0].arm, arm_id=same[0].arm_id, arm_label=same[0].label)
        out.append(r)
    return out


def _arm_sizes(doc: Document, model: StudyModel, rows: list[Evidence]) -> list[Evidence]:
    """Each arm's size as a group-defining sentence printed it, when no result sentence states it (a table
    header's n is the table's own population: the table reader keeps it as the rows' total)."""
    out = []
    for arm in model.arms:
        stated = any(r.outcome == "ENROLLED" and r.arm_id == arm.arm_id and r.events == arm.n for r in rows)
        printed = arm.n is not None and re.search(rf"(?<![\d.,]){arm.n}(?![\d.,]\d)", arm.quote) is not None
        if not printed or arm.method == "study.table_header.v1" or stated:
            continue
        block = next((b for b in doc.blocks if arm.quote and arm.quote[:60] in b.text), None)
        at = doc.text.find(arm.quote) if arm.quote else -1  # the quote stays where the paper printed it
        start, end = (at, at + len(arm.quote)) if at >= 0 else (None, None)
        out.append(Evidence(study_id=doc.study_id, arm=arm.arm, arm_id=arm.arm_id, arm_label=arm.label,
                            outcome="ENROLLED", statistic="count", domain="baseline", events=arm.n,
                            section=block.section if block else "", quote=arm.quote,
                            prov=Provenance(page=arm.page, char_start=start, char_end=end,
                                            method="study.arm_size.v1")))  # fmt: skip
    return out


def _once(rows: list[Evidence]) -> list[Evidence]:
    """A fact the paper states twice (key points and abstract, abstract and results) is one row."""
    seen: set[tuple] = set()
    out = []
    for r in rows:
        key: tuple = (r.arm_id, r.arm, r.subgroup, r.outcome, r.outcome_raw if not r.outcome else "", r.statistic,
                      r.value, r.events, r.total, r.grade, r.timepoint_months, r.low, r.high)  # fmt: skip
        if r.outcome == "ENROLLED":
            key = (r.arm_id, r.arm, r.events)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _section(block: TextBlock, s: Sentence) -> str:
    """The block's section; a "Methods:" part inside an abstract paragraph is methods."""
    return "methods" if s.section == "methods" else block.section


def _read_block(block: TextBlock, normalizer: Normalizer, ctx: context.DocContext, sections: roles.Sections
                ) -> list[tuple[sent.Span, Sentence]]:  # fmt: skip
    """All sentences of a paragraph first: a later sentence may close an earlier comparison with its p."""
    scope = context.Scope()
    out: list[tuple[sent.Span, Sentence]] = []
    previous: Sentence | None = None
    for span in sent.sentences(block.text):
        cut = sections.label(span.text)
        if cut:  # "... (Group B, n=32) ... RESULTS: CR was obtained in all of the 44 patients": a new part, no lead-in
            span = sent.Span(span.text[cut:], span.start + cut, span.end, span.cut)
            scope = context.Scope()
        section = sections.current
        listed = _LIST_LINE.match(span.text) or _garbled(span.text)
        own = sent.own_part(span.text, section) if span.text.strip() and not listed else None
        design = own is not None and not roles.is_result(own, section)
        if own is None or (design and not roles.counts_enrolment(own, section)):
            previous = None
            continue
        span = sent.Span(own, span.start, span.start + len(own), span.cut and own == span.text)
        s = Sentence(span.text, span.cut, section, block.page)
        assemble.analyse(s, normalizer, ctx, context.Scope() if design else scope)
        if design:  # only who was enrolled
            s.drafts = [d for d in s.drafts if d.outcome.code == "ENROLLED" and d.stat is None]
            out.append((span, s))
            previous = None
            continue
        if previous is not None:
            _carry_arms(s, previous)
            _close_comparison(span.text, s, previous)
        out.append((span, s))
        previous = s if s.drafts else previous
    return out


_LIST_LINE = re.compile(rf"\s*{lexicon.alternation('list_lines')}", re.I)


def _garbled(text: str) -> bool:
    """ "–34.5%* e u q 30 e r f e r 20 u z i e 13.3% s n": a figure's axis letters read as a line, no sentence."""
    words = re.findall(r"[A-Za-z]+", text)
    return len(words) >= 6 and sum(len(w) == 1 for w in words) >= 0.4 * len(words)


_CORRESPONDING = re.compile(r"\b(?:corresponding|respective)\b|\bthe same (?:rates?|values?|figures?)\b", re.I)


def _carry_arms(s: Sentence, previous: Sentence) -> None:
    """ "Among those with a higher risk, the corresponding values were 94.1% and 84.8%": the values take the
    arms of the sentence before, in its order."""
    if not _CORRESPONDING.search(s.text):
        return
    order = list(dict.fromkeys(d.arm for d in previous.drafts if d.stat is not None and not d.stat.hr
                               and d.arm != "all"))  # fmt: skip
    free = [d for d in s.drafts if d.stat is not None and not d.stat.hr and d.arm == "all"]
    if len(order) >= 2 and len(free) == len(order):
        for d, arm in zip(free, order, strict=True):
            d.arm, d.arm_label = arm, ""
        align.contrasts(s)


_BACK_REFERENCE = re.compile(r"^\s*(?:this|these|the|such)\s+(?:differences?|comparisons?)\b|\bthis difference\b", re.I)


def _close_comparison(text: str, s: Sentence, previous: Sentence) -> None:
    """A p-value that refers back: "This difference was significant (p = 0.002)", "no difference in OS (p = 0.40)"."""
    for target, p in s.loose_p:
        for d in previous.drafts:
            if d.p_value is None and target and d.outcome.code in target:
                d.p_value, d.p_operator = p.value, p.operator
    if s.drafts or not _BACK_REFERENCE.search(text):
        return
    ps = p_values(text)
    open_rows = [d for d in previous.drafts if d.p_value is None and d.stat is not None]
    if len(ps) == 1 and len(open_rows) >= 2:
        for d in open_rows:
            d.p_value, d.p_operator = ps[0].value, ps[0].operator


def _offsets(doc: Document, block: TextBlock, span: sent.Span) -> tuple[int | None, int | None]:
    if block.char_start is None:
        return None, None
    if doc.text[block.char_start : block.char_start + len(block.text)] == block.text:
        return block.char_start + span.start, block.char_start + span.end
    found = doc.text.find(span.text, block.char_start, (block.char_end or len(doc.text)) + 1)
    if found >= 0:
        return found, found + len(span.text)
    return block.char_start, block.char_end


def _evidence(doc: Document, block: TextBlock, span: sent.Span, d: Draft, ctx: context.DocContext,
              start: int | None, end: int | None, section: str) -> Evidence:  # fmt: skip
    o = d.outcome
    stat = d.stat
    grading = ""
    graded = outcomes.facts(o.code, o.code_system).graded or o.kind == "ae"
    if d.grade or graded:
        grading = ctx.grading.get(o.code) or (ctx.grading.get("ae", "") if o.kind == "ae" else "")
    arm = ctx.study.by_id(d.arm)
    return Evidence(
        study_id=doc.study_id,
        arm=arm.arm if arm is not None else "all",
        arm_id=arm.arm_id if arm is not None else "",
        arm_label=d.arm_label or (arm.label if arm is not None else ""),
        subgroup=";".join(sorted(d.quals)) or "all",
        domain=_before_treatment(span.text, o, domain_of(o, d.quals, d.grade)),
        outcome=o.code,
        code_system=o.code_system,
        code=o.code_value,
        grade=d.grade or ("any" if graded else ""),
        grading_system=grading,
        timepoint_months=d.timepoint,
        statistic=d.statistic,
        events=d.events,
        total=d.total,
        value=d.value,
        unit=d.unit,
        spread=stat.spread if stat and stat.spread != "interval" else d.spread,
        low=stat.low if stat else None,
        high=stat.high if stat else None,
        spread_value=stat.spread_value if stat else None,
        p_value=d.p_value,
        p_operator=d.p_operator,
        section=section,
        quote=span.text,
        outcome_raw=o.raw,
        total_derived=d.total_derived,
        comparison_id=f"s{start if start is not None else block.char_start}:{d.contrast}" if d.contrast else "",
        derived="total_from_group_size" if d.total_derived else "",
        prov=Provenance(page=block.page, char_start=start, char_end=end, method=d.rule, from_ocr=block.from_ocr),
    )


_BASELINE = re.compile(rf"\b(?:{lexicon.alternation('baseline_cues')})\b", re.I)
_LATER = re.compile(rf"\b(?:{lexicon.alternation('later_cues')})", re.I)


def _before_treatment(text: str, o: OutcomeRef, domain: str) -> str:
    """A result or harm told of the participants before treatment ("93% had used topical steroids before
    enrolment", "1% had a history of anxiety") is a baseline characteristic, unless the sentence also tells a
    later time or a change; so is a trait of the sample named by a phrase nothing mapped ("Participants were 79.7%
    White", "mean ± SD age was 60 ± 16 years")."""
    if domain in (Domain.EFFICACY, Domain.SAFETY) and _BASELINE.search(text) and not _LATER.search(text):
        return Domain.BASELINE
    if domain != Domain.BASELINE and not o.code and sample.describes_sample(o.raw, text):
        return Domain.BASELINE
    return domain


def _missing(doc: Document, block: TextBlock, quote: str, d: Draft) -> Finding:
    what = f"{d.statistic} {d.outcome.code}" + (f" at {d.timepoint:g} months" if d.timepoint else "")
    return Finding(
        study_id=doc.study_id,
        check=Check.MISSING_VALUE,
        severity=Severity.WARNING,
        message=f"The text reports a {what} but its number is missing (cut off or only the interval given).",
        page=block.page,
        quote=quote,
        stage="evidence",
        table="evidence",
        column="value",
    )


def _dedupe(rows: list[Evidence]) -> list[Evidence]:
    """The same statistic quoted twice in one sentence (a value read by two rules) is one row."""
    seen: set[tuple] = set()
    out = []
    for r in rows:
        key = (r.quote, r.arm, r.subgroup, r.outcome, r.statistic, r.value, r.events, r.total, r.grade,
               r.timepoint_months)  # fmt: skip
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
