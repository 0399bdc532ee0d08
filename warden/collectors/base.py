"""What every collector shares: the declaration, enrichment and shape conversion."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import botocore.exceptions

from warden.aws import AWS_ERRORS, Clients, error_code, is_retriable, is_retriable_code
from warden.model import ConfigurationItem, ScanError, WardenError

# A fetched attribute: partial {"configuration": {...}, "supplementary": {...}, "tags": {...}} for the item.
Patch = Mapping[str, Mapping[str, Any]]
Fetch = Callable[[Clients, ConfigurationItem], Patch]
ListItems = Callable[[Clients, str, str], Iterator[ConfigurationItem]]
GetItem = Callable[[Clients, str, str, str], "ConfigurationItem | None"]


@dataclass(frozen=True)
class Attribute:
    """A piece of state that needs its own API call; fetched only when a selected rule needs it.

    `recorded_at` says where a Config item would already hold it: ("supplementary", key),
    ("configuration", key), or ("tags", "") for the item's tags, which Config always records.
    `includes` names attributes its fetch returns too (fetched with it, they cost no call of their own);
    an `account_wide` attribute's calls read the whole account and region, once a scan (`Clients.shared`).
    """

    name: str
    operation: str
    fetch: Fetch
    recorded_at: tuple[str, str] | None = None
    includes: tuple[str, ...] = ()
    account_wide: bool = False

    def recorded_in(self, item: ConfigurationItem) -> bool:
        section, key = self.recorded_at or ("supplementary", self.name)
        if section == "tags":
            return True
        return key in (item.configuration if section == "configuration" else item.supplementary)


@dataclass(frozen=True)
class Collector:
    resource_type: str
    list_operation: str
    list_items: ListItems
    get_item: GetItem
    attributes: Mapping[str, Attribute] = dataclasses.field(default_factory=dict)
    # Global resources (IAM, account settings) are read once per scan, in the first region.
    is_global: bool = False

    def enrich(
        self, clients: Clients, item: ConfigurationItem, names: Iterable[str]
    ) -> tuple[ConfigurationItem, list[ScanError], set[str]]:
        """Fetch the named attributes; returns the item, errors, and the names that failed."""
        configuration = dict(item.configuration)
        supplementary = dict(item.supplementary)
        tags = dict(item.tags)
        errors: list[ScanError] = []
        failed: set[str] = set()
        names = list(names)
        included = {i for n in names for i in self.attributes[n].includes}
        for name in names:
            attribute = self.attributes[name]
            if name in included:
                continue
            try:
                patch = attribute.fetch(clients, item)
            except AWS_ERRORS as exc:
                failed.update((name, *attribute.includes))
                errors.append(
                    ScanError(
                        resource_type=self.resource_type,
                        region=item.region,
                        operation=attribute.operation,
                        error_code=error_code(exc),
                        message=str(exc),
                        resource_id=item.resource_id,
                    )
                )
                continue
            configuration.update(patch.get("configuration", {}))
            supplementary.update(patch.get("supplementary", {}))
            tags.update(patch.get("tags", {}))
        enriched = dataclasses.replace(item, configuration=configuration, supplementary=supplementary, tags=tags)
        return enriched, errors, failed

    def missing(self, item: ConfigurationItem, names: Iterable[str]) -> list[str]:
        """The named attributes this item does not hold yet (Config records some, not all)."""
        return [n for n in names if n in self.attributes and not self.attributes[n].recorded_in(item)]

    def read(
        self, clients: Clients, region: str, account_id: str, resource_id: str, names: Iterable[str] = ()
    ) -> ConfigurationItem | None:
        """Re-read one resource live with the named attributes; None when it no longer exists.

        Raises on attribute errors: a re-read that cannot see the state must not be trusted.
        """
        item = self.get_item(clients, region, account_id, resource_id)
        if item is None:
            return None
        enriched, errors, _ = self.enrich(clients, item, names)
        if errors:
            raise ReadError(errors[0])
        return enriched


class ReadError(Exception):
    def __init__(self, error: ScanError) -> None:
        super().__init__(f"{error.operation} on {error.resource_id}: {error.error_code}: {error.message}")
        self.error = error


class TruncatedListingError(WardenError):
    """A listing that says, or shows, that it holds less than everything, with no way to ask for the rest.

    botocore's paginators stop quietly when a page gives no continuation token; a collector that can tell
    the listing was cut short raises this, and the scan reports it as an error rather than a silent gap.
    """


def classify(exc: BaseException) -> tuple[str, bool]:
    """The AWS error code of a failed read or call, and whether a later try may succeed."""
    if isinstance(exc, ReadError):
        return exc.error.error_code, is_retriable_code(exc.error.error_code)
    return error_code(exc), is_retriable(exc)


def supplementary(**values: Any) -> Patch:
    return {"supplementary": values}


def configuration(**values: Any) -> Patch:
    return {"configuration": values}


def tags(values: Mapping[str, str]) -> Patch:
    return {"tags": dict(values)}


def jsonable(value: Any) -> Any:
    """boto3 responses with datetimes turned into ISO strings and metadata dropped."""
    if isinstance(value, Mapping):
        return {k: jsonable(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def camelize(value: Any, opaque: frozenset[str] = frozenset()) -> Any:
    """PascalCase API shapes to Config's camelCase; keys under `opaque` maps are user data, kept."""
    if isinstance(value, Mapping):
        out = {}
        for key, inner in value.items():
            if key == "ResponseMetadata":
                continue
            new_key = key[:1].lower() + key[1:]
            if key in opaque and isinstance(inner, Mapping):
                out[new_key] = {k: camelize(v, opaque) for k, v in inner.items()}
            else:
                out[new_key] = camelize(inner, opaque)
        return out
    if isinstance(value, list | tuple):
        return [camelize(v, opaque) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def pascalize(value: Any, opaque: frozenset[str] = frozenset(), acronyms: Mapping[str, str] | None = None) -> Any:
    """camelCase (Config's spelling) to PascalCase (the API's, and Config's for CloudFormation-modelled types).

    Keys under `opaque` maps are user data, kept; `acronyms` maps keys that do not just capitalise."""
    if isinstance(value, Mapping):
        out = {}
        for key, inner in value.items():
            if key == "ResponseMetadata":
                continue
            new_key = (acronyms or {}).get(key, key[:1].upper() + key[1:])
            if key in opaque and isinstance(inner, Mapping):
                out[new_key] = {k: pascalize(v, opaque, acronyms) for k, v in inner.items()}
            else:
                out[new_key] = pascalize(inner, opaque, acronyms)
        return out
    if isinstance(value, list | tuple):
        return [pascalize(v, opaque, acronyms) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def absent_on(codes: Iterable[str], default: Patch | None = None) -> Callable[[Fetch], Fetch]:
    """Treat these error codes as 'not configured' (Config leaves such keys out)."""
    codes = frozenset(codes)

    def wrap(fetch: Fetch) -> Fetch:
        def fetch_or_absent(clients: Clients, item: ConfigurationItem) -> Patch:
            try:
                return fetch(clients, item)
            except botocore.exceptions.ClientError as exc:
                if error_code(exc) in codes:
                    return default or {}
                raise

        return fetch_or_absent

    return wrap


def not_found_is_none(codes: Iterable[str]) -> Callable[[GetItem], GetItem]:
    """A get that returns None when the resource is gone."""
    codes = frozenset(codes)

    def wrap(get: GetItem) -> GetItem:
        def get_or_none(clients: Clients, region: str, account_id: str, resource_id: str) -> Any:
            try:
                return get(clients, region, account_id, resource_id)
            except botocore.exceptions.ClientError as exc:
                if error_code(exc) in codes:
                    return None
                raise

        return get_or_none

    return wrap
