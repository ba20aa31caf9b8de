"""The method checks: the registry (`registry.py`) and the rules that register themselves in it.

Importing the package imports the rules, so `checks.run(card)` always sees every one of them.
"""
from workshop.checks import cascade_rules, measure_rules, rules  # noqa: F401  (each registers its rules on import)
from workshop.checks.registry import (
                                      ACKNOWLEDGEABLE,
                                      ACKNOWLEDGEMENT_RULE,
                                      CHECKS,
                                      KN_1992,
                                      KN_1993,
                                      KN_1996,
                                      KN_2004,
                                      PRACTICE,
                                      SEVERITIES,
                                      SEVERITY_MEANING,
                                      Check,
                                      Finding,
                                      Item,
                                      about,
                                      acknowledged,
                                      all_checks,
                                      check,
                                      describe,
                                      for_phase,
                                      get,
                                      has_errors,
                                      review,
                                      run,
                                      summary,
)

__all__ = ["ACKNOWLEDGEABLE", "ACKNOWLEDGEMENT_RULE", "SEVERITY_MEANING", "acknowledged", "review",
           "CHECKS", "KN_1992", "KN_1993", "KN_1996", "KN_2004", "PRACTICE", "SEVERITIES", "Check", "Finding",
           "Item", "about", "all_checks", "check", "describe", "for_phase", "get", "has_errors", "run",
           "summary", "cascade_rules", "measure_rules", "rules"]
