"""Words around a term that do not change which concept it names, stripped before a second lookup.

"one-time CD19/CD22 CAR-T" is CAR-T; "poststudy transplant" is HSCT; "2-year overall survival" is OS;
"imatinib mesylate" is imatinib; "ASTCT criteria" is ASTCT 2019. What is stripped is reported in the Term's note.
"""

from __future__ import annotations

import re

MODIFIERS = re.compile(
    r"^(?:(?:one|two|three|four|\d+)[- ]?times?\s+|(?:anti-)?CD\d+(?:/CD\d+)*(?:[- ]targeted)?[- ]+|"
    r"autologous\s+|allogeneic\s+|second\s+|bridging\s+|bridge\s+|short[- ]course\s+(?:of\s+)?|"
    r"subsequent\s+|post-?study\s+|off-?study\s+|"  # when it came: "poststudy transplant", "subsequent HSCT"
    r"rabbit\s+|horse\s+|equine\s+|porcine\s+|recombinant\s+|oral\s+|intravenous\s+|high[- ]dose\s+)+",
    re.IGNORECASE,
)
# Salt, dosage form and usage words after a drug name ("imatinib mesylate", "blinatumomab-based").
DRUG_TAIL = re.compile(
    r"(?:[\s-]+(?:mesylate|phosphate|hydrochloride|sodium|citrate|tablets?|capsules?|injection|for injection|"
    r"infusion|based|containing|treated|induced|related|therapy|treatment|regimen|monotherapy))+$",
    re.IGNORECASE,
)
GRADING_TAIL = re.compile(r"\s+(?:criteria|grading(?: system| criteria)?|consensus|scale|classification|system)$",
                           re.IGNORECASE)
PARENS = re.compile(r"^(?P<out>[^()]+?)\s*\((?P<in>[^()]+)\)$")
# Landmarks and summary words around an outcome name ("2-year OS", "median PFS", "rate of MRD conversion").
OUTCOME_LEAD = re.compile(
    r"^(?:(?:\d+(?:\.\d+)?|one|two|three|four|five|six|twelve)[- ]?(?:years?|yrs?|y|months?|mos?|days?|weeks?)[- ]+|"
    r"median\s+|mean\s+|estimated\s+|the\s+|(?:overall\s+|cumulative\s+)?(?:rate|incidence|probability)\s+of\s+|"
    r"cumulative\s+|actuarial\s+|time\s+to\s+|any[- ]grade\s+|severe\s+|"
    r"grades?\s*(?:[≥>]=?\s*)?(?:[0-5]|i{1,3}|iv|v)(?:\s*(?:-|–|to|or)\s*(?:[0-5]|i{1,3}|iv|v|higher|above))?\s+)+",
    re.IGNORECASE,
)
OUTCOME_TAIL = re.compile(r"\s+(?:rates?|ratio|incidence|probability|time|days?|proportion)$", re.IGNORECASE)
