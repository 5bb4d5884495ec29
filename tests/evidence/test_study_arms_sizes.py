# ruff: noqa: E501
"""The study model's arms, their sizes and roles on invented trial text and table headers (issue 10).

Each test is one class of phrasing or layout seen in real trial papers, written here in new words:
a table column that names a visit, a control named beside the one arm the tables show, an arm named
as another arm's negation, and group sizes written in words ("group I (120 people)").
"""

from __future__ import annotations

from evidex.evidence import study
from tests.evidence.conftest import abstract_doc as _doc

_HDR = "Coaching n (%) | TAU n (%)"


def _arms(model: study.StudyModel) -> list[tuple[str, int | None, str]]:
    return [(a.label, a.n, a.role) for a in model.arms]


# ---- a column that names a visit is no arm ---------------------------------------------------------


def test_a_visit_column_is_no_arm_and_does_not_overrule_the_texts_groups(norm) -> None:
    doc = _doc("Before recruitment, the practices were randomised to either the coaching programme or TAU.")
    table = [("Coaching", None, 4, _HDR), ("3 months follow-up", None, 5, "3 months follow-up"),
             ("3 months follow-up", None, 6, "3 months follow-up"), ("Coaching", None, 6, _HDR)]  # fmt: skip
    model = study.build(doc, norm, table)
    assert [(a.label, a.role) for a in model.arms] == [("coaching programme", "experimental"), ("TAU", "control")]


def test_a_visit_column_beside_sized_groups_is_left_out(norm) -> None:
    table = [("Walking", 61, 3, ""), ("Stretching", 60, 3, ""), ("Randomization visit", None, 4, ""),
             ("Randomization visit", None, 5, "")]  # fmt: skip
    model = study.build(_doc("Blood pressure was measured at each visit."), norm, table)
    assert [a.label for a in model.arms] == ["Walking", "Stretching"]


def test_a_bare_time_column_is_no_arm_when_the_text_named_the_groups(norm) -> None:
    doc = _doc("Forty-two adults were randomized to lozenges (n = 14), rinse (n = 14) or placebo (n = 13).")
    table = [("Lozenges", 14, 3, ""), ("Rinse", 14, 3, ""), ("Placebo", 13, 3, ""), ("(n=13) 3 months", 13, 4, "")]
    assert [a.label for a in study.build(doc, norm, table).arms] == ["lozenges", "rinse", "placebo"]


def test_visit_words_alone_name_a_time_but_durations_may_name_groups() -> None:
    assert study.time_column("12 months follow-up")
    assert study.time_column("Baseline")
    assert study.time_column("End of treatment visit")
    assert not study.time_column("48-week")  # a treatment duration an arm can be named by
    assert not study.time_column("3 h group")
    assert not study.time_column("Usual care")


# ---- a control named beside the one arm the tables show ---------------------------------------------


def test_the_other_arm_named_beside_the_tables_one_arm(norm) -> None:
    doc = _doc("Scores were compared between the coaching and TAU groups at each visit.")
    model = study.build(doc, norm, [("Coaching", None, 3, _HDR), ("Coaching", None, 4, _HDR)])
    assert _arms(model) == [("Coaching", None, "experimental"), ("TAU", None, "control")]


def test_two_named_groups_without_a_control_add_nothing(norm) -> None:
    doc = _doc("Scores were compared between the coaching and walking groups at each visit.")
    model = study.build(doc, norm, [("Coaching", None, 3, _HDR), ("Coaching", None, 4, _HDR)])
    assert [a.label for a in model.arms] == ["Coaching"]


# ---- the negation of another arm's name is the control -----------------------------------------------


def test_the_arm_named_as_another_arms_negation_is_the_control(norm) -> None:
    table = [("No reminder calls", 98, 3, ""), ("Reminder calls", 101, 3, "")]
    model = study.build(_doc("Adherence was recorded monthly."), norm, table)
    assert _arms(model) == [("No reminder calls", 98, "control"), ("Reminder calls", 101, "experimental")]


def test_the_base_arm_of_an_add_on_design_is_the_control(norm) -> None:
    doc = _doc("Forty cyclists were randomized to a warm room (n = 20) or a warm room + fan (n = 20).")
    model = study.build(doc, norm, [])
    assert [(a.label, a.role) for a in model.arms] == [("warm room", "control"), ("warm room + fan", "experimental")]
    doc = _doc("Sixty adults were randomly assigned to chemotherapy plus rituximab (n = 30) or chemotherapy (n = 30).")
    model = study.build(doc, norm, [])
    assert [a.role for a in model.arms] == ["experimental", "control"]


def test_a_dose_alone_makes_no_add_on_design(norm) -> None:
    doc = _doc("Ninety adults were randomized to zinc (n = 45) or zinc 40 mg (n = 45).")
    model = study.build(doc, norm, [])
    assert [a.role for a in model.arms] == ["experimental", "control"]


# ---- which of two active arms is the experimental side --------------------------------------------------


def _studied(norm, title: str, sentence: str) -> list[str]:
    model = study.build(_doc(sentence, title=title), norm, [])
    active = [a for a in model.arms if a.role == "experimental"]
    assert len(active) == 2
    lead = model.studied(active[0], active[1])
    return [lead.label if lead is not None else "", *(a.label for a in model.arms if a.role == "control")]


def test_the_arm_the_title_names_alone_is_the_studied_one(norm) -> None:
    sentence = "Patients were randomized to placebo (n = 80), zorvatib 90 mg (n = 160) or ketoprofen 100 mg (n = 80)."
    assert _studied(norm, "Zorvatib in the treatment of gout flares: a randomized trial", sentence)[0] == "zorvatib 90 mg"
    assert _studied(norm, "A randomized trial in gout flares", sentence)[0] == ""


def test_the_arm_named_first_before_versus_in_the_title_is_the_studied_one(norm) -> None:
    sentence = "Adolescents were randomized to placebo (n = 90), zorvaline (n = 90) or sertraline (n = 90)."
    title = "Zorvaline versus placebo in a sertraline-referenced study of adolescents with depression"
    assert _studied(norm, title, sentence)[0] == "zorvaline"
    assert _studied(norm, "Zorvaline and sertraline in adolescents with depression", sentence)[0] == ""


def test_the_higher_dose_and_the_add_on_arm_are_the_studied_ones(norm) -> None:
    sentence = "Adults were randomized to placebo (n = 40), zorvaline 20 mg (n = 40) or zorvaline 10 mg (n = 40)."
    assert _studied(norm, "", sentence)[0] == "zorvaline 20 mg"
    sentence = "Adults were randomized to placebo (n = 40), warm bath + massage (n = 40) or warm bath (n = 40)."
    assert _studied(norm, "", sentence)[0] == "warm bath + massage"
    sentence = "Clinics were randomized to control (n = 12), a coach-family arm (n = 12) or a coach arm (n = 12)."
    assert _studied(norm, "Coaching in primary care", sentence)[0] == "coach-family"


# ---- group sizes written in words --------------------------------------------------------------------


def test_lettered_groups_sized_in_words(norm) -> None:
    doc = _doc(
        "Patients were randomly allotted to two groups. In group A (45 people) oral ketamine was given and in group B (44 people) oral midazolam was given."
    )
    model = study.build(
        doc,
        norm,
        [("Group A", None, 3, ""), ("Group B", None, 3, ""), ("Group A", None, 4, ""), ("Group B", None, 4, "")],
    )
    assert _arms(model) == [("group A", 45, "experimental"), ("group B", 44, "control")]


def test_a_thousands_comma_in_a_dose_does_not_cut_a_counted_groups_name(norm) -> None:
    doc = _doc(
        "Twenty subjects were randomly assigned to valproate 1,500 mg daily, 19 to lamotrigine 200 mg daily, and 18 to placebo."
    )
    assert _arms(study.build(doc, norm, [])) == [
        ("valproate 1,500 mg daily", 20, "experimental"),
        ("lamotrigine 200 mg daily", 19, "experimental"),
        ("placebo", 18, "control"),
    ]


def test_a_count_of_patients_in_brackets_is_no_group_size(norm) -> None:
    doc = _doc(
        "Good recovery was seen in 60.0% of patients (12 patients) in the splint group and in 15.0% of the sling group (3 patients)."
    )
    assert study.build(doc, norm, []).arms == []


# ---- table columns printed with their n that no text group names ------------------------------------


def test_a_sized_column_of_a_text_arms_drug_at_its_daily_dose_gives_that_arm_its_n(norm) -> None:
    doc = _doc(
        "Patients were randomized to placebo, celecoxib 200 mg once daily, or ibuprofen 800 mg three times daily."
    )
    hdr = "Placebo (N = 210) | Celecoxib 200 mg (N = 205) | Ibuprofen 2400 mg (N = 104)"
    table = [("Placebo", 210, 4, hdr), ("Celecoxib 200 mg", 205, 4, hdr), ("Ibuprofen 2400 mg", 104, 4, hdr)]
    model = study.build(doc, norm, table)
    assert [(a.label, a.n) for a in model.arms] == [("placebo", 210), ("celecoxib 200 mg once daily", 205),
                                                    ("ibuprofen 800 mg three times daily", 104)]  # fmt: skip


def test_a_sized_column_of_another_dose_is_the_dose_arm_the_texts_list_missed(norm) -> None:
    doc = _doc("Of 300 patients screened, 270 were randomized to placebo (n = 90), XR-512 400 mg")
    hdr = "Placebo (N = 90) | 400 (N = 91) | XR-512, mg/day 800 (N = 89)"
    table = [("Placebo", 90, 3, hdr), ("400", 91, 3, hdr), ("XR-512, mg/day 800", 89, 3, hdr)]
    model = study.build(doc, norm, table)
    assert [(a.n, a.role) for a in model.arms] == [(90, "control"), (91, "experimental"), (89, "experimental")]


def test_a_sized_control_column_beside_the_randomized_groups_is_the_control(norm) -> None:
    doc = _doc(
        "Women with gestational diabetes were randomised to 2 groups: GDT1 (strict targets, n = 22) and GDT2 (relaxed targets, n = 24)."
    )
    hdr = "GDT1 (N = 22) | GDT2 (N = 24) | Control (N = 30)"
    model = study.build(doc, norm, [("GDT1", 22, 3, hdr), ("GDT2", 24, 3, hdr), ("Control", 30, 3, hdr)])
    assert _arms(model) == [("GDT1", 22, "experimental"), ("GDT2", 24, "experimental"), ("Control", 30, "control")]


def test_sized_strata_columns_stay_out(norm) -> None:
    doc = _doc("Patients were randomized to text reminders (n = 150) or no reminders (n = 148).")
    hdr = "Mild (n = 160) | Severe (n = 138) | Text reminders (n = 150) | No reminders (n = 148)"
    table = [
        ("Mild", 160, 3, hdr),
        ("Severe", 138, 3, hdr),
        ("Text reminders", 150, 3, hdr),
        ("No reminders", 148, 3, hdr),
    ]
    assert [a.label for a in study.build(doc, norm, table).arms] == ["text reminders", "no reminders"]


# ---- a sentence listing reasons or counting people after assignment names no groups ----------------------


def test_a_list_of_reasons_with_counts_names_no_groups(norm) -> None:
    doc = _doc(
        "Problems that kept participants from finishing the sessions included opening the course on an outdated tablet (n=4), a forgotten password (n=2), and other difficulties not reported (n=1)."
    )
    assert study.build(doc, norm, []).arms == []


def test_a_later_sentence_about_prevention_does_not_unname_the_groups(norm) -> None:
    doc = _doc(
        "Fifty children were divided into two groups. In the standard regimen group (Group A, n=20), oral drugs were given. "
        "In the intensive regimen group (Group B, n=30), infusions were given. Most infections were prevented by prophylaxis."
    )
    assert [(lab, n) for lab, n, _ in _arms(study.build(doc, norm, []))] == [
        ("standard", 20), ("intensive", 30)
    ]


# ---- groups listed with markers are split at the markers ------------------------------------------------


def test_groups_listed_with_letter_markers_keep_an_and_inside_a_name(norm) -> None:
    doc = _doc(
        "Sixty extracted molars with enamel erosion were randomly divided into three groups: (A) tap and bottled water, (B) fluoride varnish, & (C) varnish plus diode light."
    )
    assert [lab for lab, _, _ in _arms(study.build(doc, norm, []))] == [
        "tap and bottled water", "fluoride varnish", "varnish plus diode light"
    ]


def test_markers_after_the_group_names_are_no_list_markers(norm) -> None:
    doc = _doc("Volunteers were randomly assigned to curcumin (regimen A) or placebo (regimen B) according to a computer list.")
    assert [lab for lab, _, _ in _arms(study.build(doc, norm, []))] == ["curcumin", "placebo"]


def test_the_group_named_before_what_it_received_names_the_arm(norm) -> None:
    doc = _doc(
        "Patients were randomly assigned to two groups. Patients in the ESP group received bilateral ultrasound-guided erector spinae blocks (n = 30) "
        "and patients in the control group received wound infiltration of the incision line (n = 29)."
    )
    model = study.build(doc, norm, [])
    assert [(lab, n, role) for lab, n, role in _arms(model)] == [("ESP", 30, "experimental"), ("control", 29, "control")]
    # what each group received is its other name: a table column headed by it is that group
    assert model.resolve("Wound infiltration group") is model.arms[1]
    assert model.resolve("Erector spinae blocks") is model.arms[0]


def test_lettered_groups_defined_by_what_they_received_name_the_table_arms(norm) -> None:
    doc = _doc(
        "Eighty adults were randomly allotted to two groups of 40 each: Group A: 20 ml 0.5% bupivacaine + 2 ml saline. "
        "Group B: 20 ml 0.5% bupivacaine + 50 mcg dexmedetomidine made up to 2 ml with saline. "
        "Block onset was faster in Group B than in Group A."
    )
    model = study.build(doc, norm, [("Control", 40, 3, "Control (n = 40) | Dexmedetomidine (n = 40)"),
                                    ("Dexmedetomidine", 40, 3, "Control (n = 40) | Dexmedetomidine (n = 40)")])
    assert model.resolve("Group B") is model.resolve("Dexmedetomidine") is not None
    assert model.resolve("group A") is model.resolve("Control") is not None


def test_letters_stay_unplaced_when_no_description_names_an_arm(norm) -> None:
    doc = _doc("Patients were divided into two groups. Group A: 10 ml saline. Group B: 10 ml water.")
    model = study.build(doc, norm, [("Early", 20, 3, "Early (n = 20) | Late (n = 20)"), ("Late", 20, 3, "Early (n = 20) | Late (n = 20)")])
    assert model.resolve("Group A") is None and model.resolve("Group B") is None


def test_a_dose_after_group_is_the_dose_group_not_a_numbered_group(norm) -> None:
    model = study.build(_doc("Thirty patients took part."), norm,
                        [("10 mg", None, 3, "10 mg | 20 mg"), ("20 mg", None, 3, "10 mg | 20 mg"),
                         ("Group 10 mg", None, 4, "Group 10 mg | Group 20 mg"),
                         ("Group 20 mg", None, 4, "Group 10 mg | Group 20 mg")])  # fmt: skip
    assert [a.label for a in model.arms] == ["10 mg", "20 mg"]
    assert study.keys("Group 2") == frozenset({"group_2"})


def test_columns_named_by_a_region_are_strata_not_arms(norm) -> None:
    hdr = "Western Europe (n = 70) | North America (n = 52) | Asia-Pacific (n = 31)"
    model = study.build(_doc("Patients were enrolled at 40 sites."), norm,
                        [("Western Europe", 70, 3, hdr), ("North America", 52, 3, hdr), ("Asia-Pacific", 31, 3, hdr),
                         ("Zorvaline", 77, 4, "Zorvaline (n = 77) | Placebo (n = 76)"),
                         ("Placebo", 76, 4, "Zorvaline (n = 77) | Placebo (n = 76)")])  # fmt: skip
    assert [a.label for a in model.arms] == ["Zorvaline", "Placebo"]


# ---- why each control is the control (arms.csv role_basis) --------------------------------------------


def _bases(model: study.StudyModel) -> list[tuple[str, str, str]]:
    return [(a.label, a.role, a.role_basis) for a in model.arms]


def test_the_role_basis_says_why_each_arm_is_the_control(norm) -> None:
    named = study.build(_doc("Eighty adults were randomized to yoga (n = 40) or usual care (n = 40)."), norm, [])
    assert _bases(named) == [("yoga", "experimental", ""), ("usual care", "control", "named")]
    negated = study.build(_doc("Visits were logged."), norm, [("No reminder calls", 98, 3, ""), ("Reminder calls", 101, 3, "")])
    assert _bases(negated)[0] == ("No reminder calls", "control", "negated")
    base = study.build(_doc("Forty cyclists were randomized to a warm room (n = 20) or a warm room + fan (n = 20)."), norm, [])
    assert _bases(base)[0] == ("warm room", "control", "base")
    last = study.build(_doc("Ninety adults were randomized to zinc (n = 45) or copper (n = 45)."), norm, [])
    assert _bases(last)[1][1:] in {("control", "listed"), ("control", "last")}
    single = study.build(_doc("Forty adults received zinc (n = 40) for twelve weeks."), norm, [("Zinc", 40, 3, "")])
    assert [a.role_basis for a in single.arms] == ["single"]


def test_the_control_group_of_a_sentence_is_only_an_arm_named_as_a_control(norm) -> None:
    named = study.build(_doc("Eighty adults were randomized to yoga (n = 40) or no intervention (n = 40)."), norm, [])
    assert named.resolve("the control group") is named.arms[1]
    convention = study.build(_doc("Ninety adults were randomized to zinc (n = 45) or copper (n = 45)."), norm, [])
    assert convention.resolve("the control group") is None  # copper is the control by convention only
