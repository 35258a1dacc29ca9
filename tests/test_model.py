"""The fast constructors the extractor uses build exactly what the dataclasses build."""

from __future__ import annotations

import dataclasses
import pickle
from decimal import Decimal

import pytest

from factlint.model import Quantity, Span, new_quantity, new_span

SPAN_FIELDS = dict(path="a.txt", line=3, column=2, end_line=4, end_column=1, start=40, end=52)


def test_new_span_is_a_span() -> None:
    fast, slow = new_span(**SPAN_FIELDS), Span(**SPAN_FIELDS)
    assert (fast, hash(fast), repr(fast)) == (slow, hash(slow), repr(slow))
    assert type(fast) is Span  # built as its unfrozen twin, then made a Span
    assert not fast < slow and not slow < fast  # ordering compares the same fields
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.line = 1  # type: ignore[misc]


@pytest.mark.parametrize("fields", [
    dict(lo=Decimal(400), hi=Decimal(500), qualifier="more_than", unit="名", kind="count"),
    dict(lo=None, hi=None, qualifier="exact", unit=None, kind="date", iso="2020-01-29",
         subject="会议", value=None, precision=Decimal("0.5"), normalized="1月29日", sentence=7),
])
def test_new_quantity_is_a_quantity(fields: dict) -> None:
    span = Span(**SPAN_FIELDS)
    fast, slow = new_quantity(text="400余名", span=span, **fields), Quantity(
        text="400余名", span=span, **fields)
    assert (fast, hash(fast), repr(fast)) == (slow, hash(slow), repr(slow))
    assert not hasattr(fast, "__dict__")  # slotted: no dictionary per figure
    assert type(fast) is Quantity and isinstance(fast, Quantity)
    assert {f.name: getattr(fast, f.name) for f in dataclasses.fields(Quantity)} == {
        f.name: getattr(slow, f.name) for f in dataclasses.fields(Quantity)}
    assert pickle.loads(pickle.dumps(fast)) == slow
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.lo = Decimal(1)  # type: ignore[misc]
    assert dataclasses.replace(fast, sentence=1) == dataclasses.replace(slow, sentence=1)


def test_per_document_data_is_compact_and_survives_pickling() -> None:
    from factlint.corpus import load_document
    from factlint.model import Block, Finding, Location, Sentence

    text = "新华社北京2月16日电　全国已有7436万多名党员\n自愿捐款。共捐款76.8亿元！第三句没有数字。"
    document = load_document("a.txt", text)
    # Slotted: no dictionary per span, figure, sentence, block or finding.
    for cls in (Span, Quantity, Sentence, Block, Location, Finding):
        assert "__slots__" in vars(cls) and "__dict__" not in dir(cls), cls
    # Every sentence is cut from one folded text, shared, not copied.
    assert len({id(s.folded) for s in document.sentences}) == 1
    assert [s.text for s in document.sentences] == [
        "新华社北京2月16日电　全国已有7436万多名党员自愿捐款。".replace("　", ""),
        "共捐款76.8亿元!", "第三句没有数字。"]
    again = pickle.loads(pickle.dumps(document))
    assert again == document and [s.text for s in again.sentences] == [
        s.text for s in document.sentences]
    assert len({id(s.folded) for s in again.sentences}) == 1  # still shared once unpickled
    # A detached sentence carries only its own text, and is equal to the original.
    alone = document.sentences[1].detached()
    assert alone == document.sentences[1] and alone.folded == "共捐款76.8亿元!"
    assert dataclasses.replace(document.sentences[2], index=5).text == "第三句没有数字。"


def test_related_places_sort_by_every_field_of_a_location() -> None:
    # The sort key spells out Location's fields (dataclasses.astuple was most of the time
    # of sorting 30,000 findings); a field added to Location must be added there too.
    import dataclasses

    from factlint.model import Location, _as_tuple

    loc = Location("a.txt", 1, 2, 3, 4, "七成", "¶5")
    assert _as_tuple(loc) == dataclasses.astuple(loc)
