"""Hypothesis strategies that build valid `Request` objects from varied fields (for property tests).

Requests go from XA, XC or FR (FR has no profile) to XB, received on a date in 2026, and always name at
least one target. The other fields vary (request types, data categories, offences with taxonomy categories
and penalties, authorisation kinds, periods, assurances, flags), each optional one sometimes unknown (None),
so the properties are checked on incomplete requests as well as complete ones. Values are biased towards
executable requests (assurances mostly given, common offence categories, mostly specific targets) so that
permissive recommendations, where monotonicity can fail, are reached often.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from rightsgate.law.taxonomy import shipped_taxonomy
from rightsgate.rules.facts import (
    Assurances,
    Authorisation,
    AuthorisationKind,
    AuthorityKind,
    DataCategory,
    Instrument,
    LegalBasis,
    Offence,
    Period,
    Person,
    PersonRole,
    Request,
    RequestingAuthority,
    RequestType,
    Target,
    TargetKind,
    Urgency,
)

REQUESTING_STATES = ("XA", "XC", "FR")
REQUESTED_STATE = "XB"
CATEGORIES = tuple(category.id for category in shipped_taxonomy().categories)
EXPRESSION_CATEGORIES = tuple(c.id for c in shipped_taxonomy().categories if c.expression_related)
YEAR_2026 = (date(2026, 1, 1), date(2026, 12, 31))

# Narratives: plain ones, and one with words the screening lexicon flags (protected activity).
NARRATIVES = (
    "An unknown person diverted invoice payments of small firms to an account opened with stolen papers.",
    "The suspect sold access credentials to compromised servers on an online forum.",
    "The account holder, a journalist, published articles about the ministry.",
)
SPECIFIC_IDENTIFIERS = (
    "invoices-desk@example.org",
    "203.0.113.45",
    "+99 555 0100",
    "user:alice-example",
    "device IMEI 490154203237518",
    "wallet bc1qexample",
)
UNSPECIFIC_IDENTIFIERS = ("*@example.org", "all", "any", "203.0.113.%")

dates_2026 = st.dates(*YEAR_2026)
PENALTIES = (0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 10.0, 20.0)
penalty_values = st.sampled_from(PENALTIES) | st.floats(0, 200)
OFFENCE_NAMES = ("Offence under investigation", "Computer fraud", "Online speech offence")

# How often a fact is unknown (None): never, about one time in eight, or about one time in three. Drawn once
# per request (and per offence and target), so some requests are complete and others have many gaps.
UNKNOWN_ONE_IN = (0, 8, 3)


class Facts:
    """Draws each optional fact, leaving it unknown at the request's rate."""

    def __init__(self, draw: st.DrawFn, unknown_one_in: int) -> None:
        self.draw, self.unknown_one_in = draw, unknown_one_in

    def known(self, strategy: st.SearchStrategy) -> object:
        if self.unknown_one_in and self.draw(st.integers(1, self.unknown_one_in)) == self.unknown_one_in:
            return None
        return self.draw(strategy)

    def flag(self) -> bool | None:
        return self.known(st.booleans())

    def assurance(self) -> bool | None:
        """Usually given, sometimes refused, sometimes unknown."""
        return self.known(st.sampled_from((True, True, True, False)))


@st.composite
def fact_drawers(draw: st.DrawFn) -> Facts:
    return Facts(draw, draw(st.sampled_from(UNKNOWN_ONE_IN)))


@st.composite
def offences(draw: st.DrawFn, categories: st.SearchStrategy | None = None) -> Offence:
    """One offence: a taxonomy category (or unknown), a maximum penalty (or unknown), capital or not."""
    f = draw(fact_drawers())
    return Offence(
        name=draw(st.sampled_from(OFFENCE_NAMES)),
        statute=f.known(st.just("Penal Code, art 1")),
        max_penalty_years=f.known(penalty_values),
        death_penalty_possible=f.flag(),
        category=draw(categories) if categories is not None else f.known(any_category),
    )


# Categories requests commonly cite, drawn more often than the rest of the taxonomy.
COMMON_CATEGORIES = ("computer_fraud", "illegal_access", "fraud", "csam", "drug_trafficking", "laundering")
any_category = st.sampled_from(COMMON_CATEGORIES) | st.sampled_from(CATEGORIES)
expression_offences = offences(categories=st.sampled_from(EXPRESSION_CATEGORIES))


@st.composite
def targets(draw: st.DrawFn, specific_only: bool = False) -> Target:
    """A target: usually a specific identifier, sometimes a wildcard or "all" (unless `specific_only`)."""
    unspecific = not specific_only and draw(st.integers(1, 5)) == 5
    return Target(
        kind=draw(st.sampled_from(TargetKind)),
        identifier=draw(st.sampled_from(UNSPECIFIC_IDENTIFIERS if unspecific else SPECIFIC_IDENTIFIERS)),
        provider=draw(fact_drawers()).known(st.just("Mailhost XB (fictional)")),
    )


specific_targets = targets(specific_only=True)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """From a day to about two and a half years, between 2023 and 2026 (around the 365-day limit too)."""
    start = draw(st.dates(date(2023, 1, 1), date(2026, 12, 31)))
    length = draw(st.integers(0, 900) | st.sampled_from((0, 30, 91, 364, 365, 366)))
    return Period(start=start, end=start + timedelta(days=length))


data_categories = st.lists(st.sampled_from(DataCategory), min_size=1, max_size=5, unique=True).map(tuple)


@st.composite
def requests(draw: st.DrawFn) -> Request:
    """A valid request to XB, naming at least one target; any other fact may be unknown."""
    f = draw(fact_drawers())
    authority = None
    if f.known(st.just(True)):
        authority = RequestingAuthority(
            name=f.known(st.just("Public Prosecutor (fictional)")),
            kind=f.known(st.sampled_from(AuthorityKind)),
        )
    legal_basis = None
    if f.known(st.just(True)):
        legal_basis = LegalBasis(instrument=f.known(st.sampled_from(Instrument)), articles=("40",))
    authorisation = f.known(
        st.builds(
            Authorisation,
            kind=st.sampled_from(AuthorisationKind),
            authority=st.just("Investigating Court (fictional)") | st.none(),
            reference=st.just("ICC-2026-441") | st.none(),
            date=dates_2026 | st.none(),
        )
    )
    assurances = None
    if f.known(st.just(True)):
        assurances = Assurances(
            specialty=f.assurance(), death_penalty_not_imposed=f.assurance(), data_protection=f.assurance()
        )
    return Request(
        reference="PROP-2026-0001",
        received_on=draw(dates_2026),
        language=f.known(st.just("en")),
        requesting_state=draw(st.sampled_from(REQUESTING_STATES)),
        requested_state=REQUESTED_STATE,
        requesting_authority=authority,
        legal_basis=legal_basis,
        request_type=draw(st.sampled_from(RequestType)),
        urgency=f.known(st.sampled_from(Urgency)),
        emergency_justification=f.known(st.just("A child is missing and her life is at risk.")),
        offences=f.known(st.lists(offences(), min_size=1, max_size=2).map(tuple)),
        facts=f.known(st.sampled_from(NARRATIVES)),
        purpose=f.known(st.just("To identify the account holder.")),
        link_to_offence=f.known(st.just("The account was used to commit the offence.")),
        persons=f.known(st.lists(st.builds(Person, role=st.sampled_from(PersonRole)), max_size=2).map(tuple)),
        targets=tuple(draw(st.lists(targets(), min_size=1, max_size=4))),
        data_requested=f.known(data_categories),
        period=f.known(periods()),
        authorisation=authorisation,
        assurances=assurances,
        confidentiality_requested=f.flag(),
        user_notification_delay_requested=f.flag(),
        decryption_or_key_disclosure=f.flag(),
        related_requests=f.known(st.just(())),
    )
