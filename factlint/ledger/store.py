"""The ledger database: published claims, their documents and their corrections.

SQLite by default (``.factlint/ledger.sqlite``); any SQLAlchemy URL otherwise
(``postgresql+psycopg://user@host/db`` for a newsroom that shares one; the driver is
the ``postgresql`` extra).  Every statement goes through SQLAlchemy Core with bound
parameters: no text of a document or a user is ever spliced into SQL.

Safety:

* A file that is not a SQLite database, or a SQLite database that is not a
  factlint ledger (its ``application_id`` and ``meta`` table say so), is refused
  with :class:`LedgerError` before anything is written to it; so is a database made
  by a newer factlint (a schema version this one does not know).
* SQLite runs in WAL mode, so readers never wait for the writer.  Writers take the
  write lock when their transaction begins (``BEGIN IMMEDIATE``; on PostgreSQL a
  transaction-scoped advisory lock), so one writer works at a time; another waits
  up to ``timeout`` seconds and then gets :class:`LedgerLocked`, which says so.
* Re-adding a document replaces its claims in one transaction: a failure half way
  leaves the ledger as it was.  Corrections of its claims are carried over to the
  claim of the new copy with the same key and the same figure; when one cannot be,
  the add is refused rather than a correction lost.

Schema changes are numbered migrations (:data:`MIGRATIONS`), applied in order in one
transaction when a ledger is opened; ``meta.schema_version`` records the last one.
Version 1 keyed claims by a provisional key (kind, unit family, four characters of the
subject, time); version 2 keeps each claim's :class:`~factlint.claims.identity.ClaimKey`
in columns of its own and looks claims up by :func:`~factlint.ledger.claims.lookup_key`,
re-reading every stored sentence when it migrates a version 1 ledger.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from ..claims.identity import ClaimKey
from ..model import Document, Quantity, Span
from .claims import LedgerClaim, claims_of, decimal_text

__all__ = [
    "APPLICATION_ID",
    "DEFAULT_PATH",
    "Correction",
    "Ledger",
    "LedgerError",
    "LedgerLocked",
    "MIGRATIONS",
    "Publication",
    "PublishedClaim",
    "SCHEMA_VERSION",
]

#: Where ``factlint ledger`` keeps the ledger unless told otherwise.
DEFAULT_PATH = os.path.join(".factlint", "ledger.sqlite")
#: SQLite ``PRAGMA application_id`` of a factlint ledger: "FLGR".
APPLICATION_ID = 0x464C4752
APPLICATION = "factlint-ledger"
_SQLITE_HEADER = b"SQLite format 3\x00"
#: Seconds a writer waits for another writer before giving up.
DEFAULT_TIMEOUT = 10.0
#: Claims looked up per query (SQLite allows 32766 bound parameters; stay well below).
_KEYS_PER_QUERY = 500


class LedgerError(Exception):
    """The ledger cannot be used: names the ledger and what is wrong (exit status 2)."""


class LedgerLocked(LedgerError):
    """Another writer held the ledger for longer than the timeout."""


@dataclass(frozen=True)
class Correction:
    """A correction of a published claim; ``previous`` is the one it replaces, if any."""

    id: int
    claim_id: int
    text: str
    lo: Decimal | None
    hi: Decimal | None
    qualifier: str
    unit: str | None
    precision: Decimal
    reason: str
    date: str
    previous: int | None = None


@dataclass(frozen=True)
class Publication:
    """A document as published: when, where (``source``) and under which title."""

    document: Document
    published: str  # ISO date: 2020-03-10, or 2020-03 / 2020 when that is all that is known
    source: str = ""
    title: str = ""


@dataclass(frozen=True)
class PublishedClaim:
    """A claim as the ledger holds it: the figure as published, and its corrections."""

    id: int
    key: str
    path: str
    published: str
    source: str
    quantity: Quantity  # as published; its span points into the published document
    sentence: str
    corrections: tuple[Correction, ...] = ()
    #: Its claim identity; None only for a claim of a version 1 ledger that claim
    #: identity does not read as a claim (kept, never compared; re-add the document).
    claim: ClaimKey | None = None
    left: str = ""  # the clause before and after the figure, as claim identity reads it
    right: str = ""

    @property
    def as_claim(self) -> LedgerClaim | None:
        """This claim as :func:`~factlint.ledger.claims.same_claim` compares it."""
        if self.claim is None:
            return None
        return LedgerClaim(key=self.key, claim=self.claim, quantity=self.quantity,
                           sentence=self.sentence, time=self.published, left=self.left,
                           right=self.right)

    @property
    def current(self) -> Quantity:
        """The figure as it stands after the latest correction."""
        if not self.corrections:
            return self.quantity
        last = self.corrections[-1]
        return replace(self.quantity, text=last.text, normalized=last.text, lo=last.lo,
                       hi=last.hi, qualifier=last.qualifier, unit=last.unit,
                       precision=last.precision, value=last.lo)


#: The columns version 2 added to ``claims``: a claim's ClaimKey and its clause.
IDENTITY_COLUMNS = ("claim_what", "claim_measure", "claim_scope", "claim_times",
                    "claim_statistic", "clause_left", "clause_right")


def _tables(version: int = 2):  # built once, on first use: importing SQLAlchemy costs ~0.1 s
    """The schema of ``version`` (a migration builds the tables of its own version)."""
    import sqlalchemy as sa

    metadata = sa.MetaData()
    meta = sa.Table("meta", metadata,
                    sa.Column("key", sa.String(64), primary_key=True),
                    sa.Column("value", sa.Text, nullable=False))
    documents = sa.Table(
        "documents", metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("path", sa.Text, nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False, default=""),
        sa.Column("source", sa.Text, nullable=False, default=""),
        sa.Column("published", sa.String(10), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
    )
    claims = sa.Table(
        "claims", metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer,
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("claim_key", sa.Text, nullable=False),
        sa.Column("claim_time", sa.String(32), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("unit", sa.Text),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("lo", sa.Text),  # exact decimal text; never float
        sa.Column("hi", sa.Text),
        sa.Column("precision", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("normalized", sa.Text, nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("column", sa.Integer, nullable=False),
        sa.Column("end_line", sa.Integer, nullable=False),
        sa.Column("end_column", sa.Integer, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        *(sa.Column(name, sa.Text, nullable=False, server_default="")
          for name in (IDENTITY_COLUMNS if version >= 2 else ())),
        sa.Index("claims_by_key", "claim_key"),
        sa.Index("claims_by_document", "document_id"),
    )
    corrections = sa.Table(
        "corrections", metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("claim_id", sa.Integer,
                  sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
        sa.Column("previous_id", sa.Integer, sa.ForeignKey("corrections.id")),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("lo", sa.Text),
        sa.Column("hi", sa.Text),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("unit", sa.Text),
        sa.Column("precision", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("corrected", sa.String(10), nullable=False),
        sa.Index("corrections_by_claim", "claim_id"),
    )
    return metadata, meta, documents, claims, corrections


_TABLES: tuple | None = None


def tables():
    """(metadata, meta, documents, claims, corrections): the schema as SQLAlchemy tables."""
    global _TABLES
    if _TABLES is None:
        _TABLES = _tables()
    return _TABLES


def _migration_1(connection) -> None:
    """The first schema: documents, claims (indexed by key) and corrections."""
    _tables(version=1)[0].create_all(connection)


def _migration_2(connection) -> None:
    """Claims keyed by claim identity: a column for each field of the ClaimKey and for the
    clause, and ``claim_key`` the lookup key.  Each stored claim is re-read from its
    sentence (what claim identity reads there: the frame of the figure in its sentence);
    one that is no claim by claim identity keeps its version 1 key, which no lookup
    asks for, so it stays searchable and exported but is never compared."""
    import sqlalchemy as sa

    from .claims import rekey

    for name in IDENTITY_COLUMNS:
        connection.execute(sa.text(
            f"ALTER TABLE claims ADD COLUMN {name} TEXT NOT NULL DEFAULT ''"))  # names fixed
    _, _, documents, claims, _ = tables()
    rows = connection.execute(
        sa.select(claims.c.id, claims.c.text, claims.c.normalized, claims.c.sentence,
                  documents.c.published)
        .join(documents, documents.c.id == claims.c.document_id)
        .order_by(claims.c.id)).all()
    updates = []
    for row in rows:
        found = rekey(row.sentence, row.normalized or row.text, row.published,
                      int(row.published[:4]))
        if found is not None:
            updates.append(_identity_values(found)
                           | {"claim_time": found.time, "row_id": row.id})
    if updates:
        connection.execute(claims.update().where(claims.c.id == sa.bindparam("row_id")),
                           updates)


#: Numbered schema migrations, applied in order; never edit one that has shipped.
MIGRATIONS: tuple[tuple[int, Any], ...] = ((1, _migration_1), (2, _migration_2))
SCHEMA_VERSION = MIGRATIONS[-1][0]


def resolve_location(explicit: str | None, configured: str | None) -> str:
    """``--ledger`` if given, else the config's ``ledger:``, else :data:`DEFAULT_PATH`."""
    return explicit or configured or DEFAULT_PATH


def _is_url(location: str) -> bool:
    return "://" in location


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


class Ledger:
    """An open ledger.  Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, engine, location: str, timeout: float) -> None:
        self._engine = engine
        self.location = location
        self.timeout = timeout
        self._sqlite = engine.dialect.name == "sqlite"

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, location: str = DEFAULT_PATH, *, create: bool = False,
             timeout: float = DEFAULT_TIMEOUT) -> Ledger:
        """Open the ledger at ``location`` (a file path or an SQLAlchemy URL).

        ``create`` makes a new SQLite file (and its folder) when there is none;
        without it a missing ledger is an error.  Raises :class:`LedgerError`.
        """
        import sqlalchemy as sa

        if _is_url(location):
            try:
                url = sa.engine.make_url(location)
            except sa.exc.ArgumentError as exc:
                raise LedgerError(f"ledger: not a database URL: {exc}") from None
            shown = url.render_as_string(hide_password=True)  # never print a password
            try:
                engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
            except ImportError as exc:
                raise LedgerError(
                    f"ledger {shown}: the database driver is not installed ({exc}); for "
                    "PostgreSQL: pip install 'factlint[postgresql]'") from None
            except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
                raise LedgerError(f"ledger {shown}: cannot use this URL: {exc}") from None
            location = shown
        else:
            _check_sqlite_file(location, create)
            engine = sa.create_engine(
                f"sqlite:///{os.path.abspath(location)}", poolclass=sa.pool.NullPool,
                connect_args={"timeout": timeout})
            _install_sqlite_hooks(engine)
        ledger = cls(engine, location, timeout)
        try:
            ledger._prepare()
        except BaseException:
            engine.dispose()
            raise
        return ledger

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _error(self, message: str) -> LedgerError:
        return LedgerError(f"ledger {self.location}: {message}")

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[Any]:
        """A connection in a transaction; a write one holds the one writer's lock."""
        import sqlalchemy as sa

        try:
            with self._engine.connect() as connection:
                if write:
                    connection = connection.execution_options(factlint_write=True)
                with connection.begin():
                    if write and not self._sqlite:
                        self._lock_postgresql(connection)
                    yield connection
        except sa.exc.OperationalError as exc:
            raise self._translate(exc) from None
        except sa.exc.DBAPIError as exc:
            if "lock timeout" in str(exc.orig).lower() or "lock_timeout" in str(exc.orig):
                raise self._locked() from None
            raise self._error(f"database error: {exc.orig}") from None

    def _lock_postgresql(self, connection) -> None:
        import sqlalchemy as sa

        milliseconds = max(1, int(self.timeout * 1000))
        connection.execute(sa.text(f"SET LOCAL lock_timeout = {milliseconds}"))  # an int
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"),
                           {"key": APPLICATION_ID})

    def _locked(self) -> LedgerLocked:
        return LedgerLocked(
            f"ledger {self.location}: another factlint is writing to it; gave up after "
            f"{self.timeout:g} s (one writer at a time: try again when it has finished)")

    def _translate(self, exc) -> LedgerError:
        message = str(getattr(exc, "orig", exc))
        lowered = message.lower()
        if "locked" in lowered or "lock timeout" in lowered:
            return self._locked()
        if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
            return self._error(f"the database file is damaged ({message}); it was not changed")
        return self._error(message)

    def _prepare(self) -> None:
        """Refuse a foreign or newer database; apply migrations a new or older one needs."""
        import sqlalchemy as sa

        with self._transaction(write=False) as connection:
            names = set(sa.inspect(connection).get_table_names())
            version = self._schema_version(connection, names)
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise self._error(
                f"made by a newer factlint (schema {version}; this one knows up to "
                f"{SCHEMA_VERSION}): upgrade factlint")
        with self._transaction(write=True) as connection:
            names = set(sa.inspect(connection).get_table_names())
            version = self._schema_version(connection, names)  # another may have migrated
            if version == 0 and self._sqlite:
                connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            _, meta, *_ = tables()
            for number, migrate in MIGRATIONS:
                if number > version:
                    migrate(connection)
            connection.execute(meta.delete().where(meta.c.key.in_(("application",
                                                                   "schema_version"))))
            connection.execute(meta.insert(), [
                {"key": "application", "value": APPLICATION},
                {"key": "schema_version", "value": str(SCHEMA_VERSION)}])

    def _schema_version(self, connection, names: set[str]) -> int:
        """0 for an empty database; raise for one that is not a factlint ledger."""
        if self._sqlite:
            app_id = connection.exec_driver_sql("PRAGMA application_id").scalar()
            if app_id not in (0, APPLICATION_ID) or (app_id == 0 and names):
                raise self._error("this SQLite database is not a factlint ledger (it holds "
                                  f"other tables: {', '.join(sorted(names)) or 'none'}); "
                                  "refusing to touch it")
        if not names:
            return 0
        if "meta" not in names:
            raise self._error("this database is not a factlint ledger (no meta table; it "
                              f"holds {', '.join(sorted(names))}); refusing to touch it")
        _, meta, *_ = tables()
        rows = {row.key: row.value for row in connection.execute(meta.select())}
        if rows.get("application") != APPLICATION or not rows.get("schema_version",
                                                                  "").isdigit():
            raise self._error("this database is not a factlint ledger (its meta table says "
                              f"{rows.get('application')!r}); refusing to touch it")
        return int(rows["schema_version"])

    # ------------------------------------------------------------------ writing

    def add(self, document: Document, *, published: str, source: str = "",
            title: str = "") -> int:
        """Store every claim of ``document`` as published on ``published``; returns how many.

        Re-adding a path replaces its claims (see the module docstring).
        """
        return self.add_all([Publication(document, published, source, title)])[0]

    def add_all(self, publications: Iterable[Publication]) -> list[int]:
        """Store every claim of each publication, all in one transaction; counts of claims.

        Either every document is stored or, on any error, none is.
        """
        counts = []
        with self._transaction(write=True) as connection:
            for publication in publications:
                counts.append(self._store(connection, publication))
        return counts

    def _store(self, connection, publication: Publication) -> int:
        _, _, documents, claims, corrections = tables()
        document = publication.document
        found = list(claims_of(document, publication.published))
        digest = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
        old = connection.execute(
            documents.select().where(documents.c.path == document.path)).first()
        carried: list[tuple[dict[str, Any], tuple[str, str, str]]] = []
        if old is not None:
            carried = self._corrections_to_carry(connection, old.id)
            connection.execute(corrections.delete().where(corrections.c.claim_id.in_(
                claims.select().with_only_columns(claims.c.id)
                .where(claims.c.document_id == old.id).scalar_subquery())))
            connection.execute(claims.delete().where(claims.c.document_id == old.id))
            connection.execute(documents.delete().where(documents.c.id == old.id))
        document_id = connection.execute(documents.insert().values(
            path=document.path, title=publication.title, source=publication.source,
            published=publication.published, digest=digest)).inserted_primary_key[0]
        if found:
            connection.execute(claims.insert(), [_claim_row(document_id, c) for c in found])
        if carried:
            self._carry_corrections(connection, document_id, carried, document.path)
        return len(found)

    def _corrections_to_carry(self, connection, document_id: int
                              ) -> list[tuple[dict[str, Any], tuple[str, str, str]]]:
        _, _, _, claims, corrections = tables()
        rows = connection.execute(
            corrections.select().add_columns(claims.c.claim_key, claims.c.claim_what,
                                             claims.c.normalized)
            .join(claims, claims.c.id == corrections.c.claim_id)
            .where(claims.c.document_id == document_id)
            .order_by(corrections.c.id)).mappings().all()
        return [({k: row[k] for k in corrections.c.keys()},
                 (row["claim_key"], row["claim_what"], row["normalized"])) for row in rows]

    def _carry_corrections(self, connection, document_id: int,
                           carried: list[tuple[dict[str, Any], tuple[str, str, str]]],
                           path: str) -> None:
        _, _, _, claims, corrections = tables()
        # A claim of the new copy is the corrected one when it has the same lookup key,
        # the same thing counted and the same figure (400余名 of 市属高校教职员工, not the
        # 400余名 of 党员 in the same story).
        new_ids: dict[tuple[str, str, str], int] = {}
        for row in connection.execute(
                claims.select().with_only_columns(claims.c.id, claims.c.claim_key,
                                                  claims.c.claim_what, claims.c.normalized)
                .where(claims.c.document_id == document_id).order_by(claims.c.id)):
            new_ids.setdefault((row.claim_key, row.claim_what, row.normalized), row.id)
        renumbered: dict[int, int] = {}
        for row, identity in carried:
            if identity not in new_ids:
                raise self._error(
                    f"{path}: the new copy has no claim {identity[2]} of {identity[1] or '?'} "
                    f"under {identity[0]}, which correction {row['id']} corrects; nothing was "
                    "changed (keep the correction by keeping the figure, or remove the "
                    "document first)")
            values = {k: v for k, v in row.items() if k != "id"}
            values["claim_id"] = new_ids[identity]
            values["previous_id"] = renumbered.get(row["previous_id"])
            renumbered[row["id"]] = connection.execute(
                corrections.insert().values(**values)).inserted_primary_key[0]

    def correct(self, claim_id: int, figure: Quantity, *, reason: str, date: str) -> Correction:
        """Record that claim ``claim_id`` should read ``figure``; the original is kept."""
        _, _, _, claims, corrections = tables()
        if not reason.strip():
            raise self._error("a correction needs a reason")
        with self._transaction(write=True) as connection:
            claim = connection.execute(claims.select().where(claims.c.id == claim_id)).first()
            if claim is None:
                raise self._error(f"no claim {claim_id} (find it with factlint ledger search)")
            from ..claims.identity import measure_of

            if figure.kind != claim.kind or (
                    figure.unit and measure_of(figure)
                    != measure_of(replace(figure, unit=claim.unit))):
                raise self._error(
                    f"claim {claim_id} is a {claim.kind} in {claim.unit or 'no unit'}; "
                    f"{figure.text} is a {figure.kind} in {figure.unit or 'no unit'}")
            previous = connection.execute(
                corrections.select().with_only_columns(corrections.c.id)
                .where(corrections.c.claim_id == claim_id)
                .order_by(corrections.c.id.desc()).limit(1)).scalar()
            values = dict(claim_id=claim_id, previous_id=previous, text=figure.text,
                          lo=decimal_text(figure.lo), hi=decimal_text(figure.hi),
                          qualifier=figure.qualifier, unit=figure.unit or claim.unit,
                          precision=decimal_text(figure.precision), reason=reason.strip(),
                          corrected=date)
            new_id = connection.execute(
                corrections.insert().values(**values)).inserted_primary_key[0]
        return _correction({**values, "id": new_id})

    # ------------------------------------------------------------------ reading

    def lookup(self, keys: Iterable[str]) -> dict[str, list[PublishedClaim]]:
        """Published claims under each of ``keys``, each key's in order of publication."""
        claims = tables()[3]
        wanted = sorted(set(keys))
        result: dict[str, list[PublishedClaim]] = {}
        with self._transaction(write=False) as connection:
            for start in range(0, len(wanted), _KEYS_PER_QUERY):
                chunk = wanted[start:start + _KEYS_PER_QUERY]
                query = self._claims_query().where(claims.c.claim_key.in_(chunk))
                for claim in self._published(connection, query):
                    result.setdefault(claim.key, []).append(claim)
        return result

    def search(self, text: str, *, limit: int | None = None) -> list[PublishedClaim]:
        """Claims whose figure, subject, sentence or document contains ``text``."""
        import sqlalchemy as sa

        _, _, documents, claims, _ = tables()
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = self._claims_query().where(sa.or_(
            *(column.like(pattern, escape="\\") for column in (
                claims.c.text, claims.c.normalized, claims.c.subject, claims.c.sentence,
                documents.c.path, documents.c.source))))
        if limit is not None:
            query = query.limit(limit)
        with self._transaction(write=False) as connection:
            return list(self._published(connection, query))

    def claims(self) -> list[PublishedClaim]:
        """Every claim, in order of publication date, document and place."""
        with self._transaction(write=False) as connection:
            return list(self._published(connection, self._claims_query()))

    def count(self) -> tuple[int, int]:
        """(documents, claims) in the ledger."""
        import sqlalchemy as sa

        _, _, documents, claims, _ = tables()
        with self._transaction(write=False) as connection:
            return (connection.execute(sa.select(sa.func.count()).select_from(documents))
                    .scalar_one(),
                    connection.execute(sa.select(sa.func.count()).select_from(claims))
                    .scalar_one())

    def _claims_query(self):
        _, _, documents, claims, _ = tables()
        return (claims.select()
                .add_columns(documents.c.path, documents.c.published, documents.c.source)
                .join(documents, documents.c.id == claims.c.document_id)
                .order_by(documents.c.published, documents.c.path, claims.c.line,
                          claims.c.column, claims.c.id))

    def _published(self, connection, query) -> Iterator[PublishedClaim]:
        _, _, _, _, corrections = tables()
        rows = connection.execute(query).mappings().all()
        chains: dict[int, list[Correction]] = {}
        ids = [row["id"] for row in rows]
        for start in range(0, len(ids), _KEYS_PER_QUERY):
            chunk = ids[start:start + _KEYS_PER_QUERY]
            for row in connection.execute(corrections.select().where(
                    corrections.c.claim_id.in_(chunk)).order_by(corrections.c.id)).mappings():
                chains.setdefault(row["claim_id"], []).append(_correction(row))
        for row in rows:
            yield _published_claim(row, tuple(chains.get(row["id"], ())))


def _identity_values(claim: LedgerClaim) -> dict[str, str]:
    """The lookup key and the identity columns of ``claim``."""
    k = claim.claim
    return dict(claim_key=claim.key, claim_what=k.what, claim_measure=k.measure,
                claim_scope=k.scope, claim_times=k.time, claim_statistic=k.statistic,
                clause_left=claim.left, clause_right=claim.right)


def _claim_row(document_id: int, claim: LedgerClaim) -> dict[str, Any]:
    q = claim.quantity
    return dict(document_id=document_id, **_identity_values(claim), claim_time=claim.time,
                subject=(q.subject or "").strip(), kind=q.kind, unit=q.unit,
                qualifier=q.qualifier, lo=decimal_text(q.lo), hi=decimal_text(q.hi),
                precision=decimal_text(q.precision), text=q.text,
                normalized="".join((q.normalized or q.text).split()),
                line=q.span.line, column=q.span.column, end_line=q.span.end_line,
                end_column=q.span.end_column, sentence=claim.sentence)


def _correction(row) -> Correction:
    return Correction(id=row["id"], claim_id=row["claim_id"], text=row["text"],
                      lo=_decimal(row["lo"]), hi=_decimal(row["hi"]),
                      qualifier=row["qualifier"], unit=row["unit"],
                      precision=Decimal(row["precision"]), reason=row["reason"],
                      date=row["corrected"], previous=row["previous_id"])


def _published_claim(row, corrections: Sequence[Correction]) -> PublishedClaim:
    span = Span(row["path"], row["line"], row["column"], row["end_line"], row["end_column"])
    lo = _decimal(row["lo"])
    quantity = Quantity(text=row["text"], lo=lo, hi=_decimal(row["hi"]),
                        qualifier=row["qualifier"], unit=row["unit"], kind=row["kind"],
                        span=span, subject=row["subject"], value=lo,
                        precision=Decimal(row["precision"]), normalized=row["normalized"])
    claim = None
    if row["claim_measure"]:
        claim = ClaimKey(what=row["claim_what"], measure=row["claim_measure"],
                         scope=row["claim_scope"], time=row["claim_times"],
                         statistic=row["claim_statistic"])
    return PublishedClaim(id=row["id"], key=row["claim_key"], path=row["path"],
                          published=row["published"], source=row["source"],
                          quantity=quantity, sentence=row["sentence"],
                          corrections=tuple(corrections), claim=claim,
                          left=row["clause_left"], right=row["clause_right"])


def _check_sqlite_file(path: str, create: bool) -> None:
    """Refuse a path that holds something other than a SQLite database, before opening it."""
    if os.path.isdir(path):
        raise LedgerError(f"ledger {path}: is a folder, not a ledger file")
    if not os.path.exists(path):
        if not create:
            raise LedgerError(f"ledger {path}: no such file (create it with "
                              f"'factlint ledger add PATHS --ledger {path}')")
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        return
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise LedgerError(f"ledger {path}: cannot read it: {exc.strerror or exc}") from None
    if header and header != _SQLITE_HEADER:
        raise LedgerError(f"ledger {path}: not a SQLite database (the file starts with "
                          f"{header[:8]!r}); refusing to touch it")


def _install_sqlite_hooks(engine) -> None:
    """WAL mode, foreign keys, and ``BEGIN IMMEDIATE`` for writers (one at a time)."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # transactions begin where we say
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        if connection.get_execution_options().get("factlint_write"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
            if mode != "wal":
                # Switching needs no other connection; inside BEGIN IMMEDIATE nothing can
                # have started since, and a fresh file is switched before its first table.
                connection.exec_driver_sql("COMMIT")
                connection.exec_driver_sql("PRAGMA journal_mode = WAL")
                connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")
