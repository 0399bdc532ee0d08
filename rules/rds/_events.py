"""What the event notification rules (RDS.19-22) share: one subscription judged for one source type.

Security Hub records these controls on AWS::RDS::EventSubscription, so an account without any subscription
has nothing to evaluate there, and none here either: a scan that lists no subscription has found the gap.
"""

from __future__ import annotations

from collections.abc import Iterable

from warden.model import ConfigurationItem, Verdict, as_list, compliant, non_compliant, not_applicable


def evaluate_subscription(item: ConfigurationItem, source_type: str, categories: Iterable[str]) -> Verdict:
    """COMPLIANT when the subscription is enabled, covers every source of `source_type` (or every source
    type) and every event category or at least `categories`; NOT_APPLICABLE to subscriptions for another
    source type."""
    configuration = item.configuration
    kind = configuration.get("sourceType")
    if kind and kind != source_type:
        return not_applicable(f"The subscription is for {kind} events, not {source_type}.")
    problems = []
    if not configuration.get("enabled"):
        problems.append("it is disabled")
    sources = [str(s) for s in as_list(configuration.get("sourceIdsList"))]
    if sources:
        problems.append(f"it covers only {', '.join(sources)}")
    chosen = {str(c).lower() for c in as_list(configuration.get("eventCategoriesList"))}
    missing = sorted(set(categories) - chosen) if chosen else []
    if missing:
        problems.append(f"it leaves out {', '.join(missing)}")
    if problems:
        return non_compliant(
            f"The subscription does not notify every {source_type} event needed: {'; '.join(problems)}."
        )
    return compliant(f"The subscription notifies {', '.join(sorted(categories))} events of every {source_type}.")
