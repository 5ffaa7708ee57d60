"""Filling a store: every entity in one transaction and one ledger batch, with labelled progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from gzdesk.core import batches, messages, schema
from gzdesk.core.demo.dice import Dice
from gzdesk.core.demo.evaluations import evaluation_rows
from gzdesk.core.demo.list_specs import SPECS
from gzdesk.core.demo.projects import key_projects, list_sizes, project_stream
from gzdesk.core.demo.shared_entities import enterprise_rows, office_rows, official_rows
from gzdesk.core.demo.world import MAX_ENTERPRISES, Row, build_world
from gzdesk.core.errors import InputRefused
from gzdesk.core.progress import NoProgress, Progress
from gzdesk.core.store import Store

messages.register({
    "demo.already_filled": ("数据库中已有种子 {seed} 的示例数据，请换一个种子", "This database already holds the "
                            "sample data of seed {seed}; use another seed"),
    "demo.negative": ("项目数量不能为负数", "The number of projects cannot be negative"),
})


@dataclass(frozen=True)
class DemoReport:
    """What :func:`fill_demo` added: records per entity and the batch id stamped on their audit entries."""

    batch: str
    office: int
    official: int
    enterprise: int
    investment: int
    tech_transfer: int
    expansion: int
    evaluation: int

    @property
    def projects(self) -> int:
        return self.investment + self.tech_transfer + self.expansion

    @property
    def counts(self) -> dict[str, int]:
        """Records added per entity key ("office", "investment", … "evaluation")."""
        return {key: getattr(self, key) for key in ("office", "official", "enterprise", *schema.LIST_KEYS,
                                                     "evaluation")}


class PhaseProgress:
    """Forwards ``create_many``'s progress, labelled with the entity being added."""

    def __init__(self, progress: Progress, label: str) -> None:
        self.progress = progress
        self.label = label

    def step(self, done: int, total: int | None = None, message: str = "") -> None:
        self.progress.step(done, total, self.label)

    def cancelled(self) -> bool:
        return self.progress.cancelled()


def enterprise_count(projects: int) -> int:
    return min(MAX_ENTERPRISES, max(20, projects // 2))


def fill_demo(
    store: Store,
    *,
    projects: int,
    seed: int = 2026,
    today: dt.date | None = None,
    evaluation_months: int | None = None,
    progress: Progress | None = None,
) -> DemoReport:
    """Add realistic Guangzhou sample data to ``store`` in one transaction: all of it, or nothing.

    Adds the 11 district offices (those not there yet), 14 officials, ``min(500, max(20, projects // 2))``
    enterprises, ``projects`` records over the three lists (about 50 % investment, 20 % tech_transfer, 30 %
    expansion; up to 90 investment records are 市重点), and monthly evaluations of the projects in active stages
    for this year's completed months up to ``today`` (the latest ``evaluation_months`` of them when given; 0 adds
    none). The same ``seed`` and ``today`` give the same records (ids included); only timestamps and the batch id
    differ. The fill is one batch of the ledger (``batches``, kind "demo"). Every row passes ``records.check_record``. Raises :class:`InputRefused` when the seed's data is already
    in the store, :class:`Cancelled` (nothing added) when ``progress`` asks to stop.
    """
    if projects < 0:
        raise InputRefused("demo.negative")
    progress = progress or NoProgress()
    world = build_world(store, seed=seed, today=today or dt.date.today(), enterprises=enterprise_count(projects),
                        evaluation_months=evaluation_months)
    if store.record("official", Dice(f"{seed}:official").uuid()) is not None:
        raise InputRefused("demo.already_filled", seed=seed)
    sizes = list_sizes(projects)
    keys = {kind: key_projects(seed, size) if kind == "investment" else frozenset() for kind, size in sizes.items()}
    offices = {str(code) for (code,) in store.conn.execute("SELECT code FROM office")}
    batch = batches.start(store, "demo")

    def add(kind: str, rows: Iterable[Row], total: int | None = None) -> int:
        changes = store.create_many(kind, rows, source="demo", batch=batch, validate=False, total=total,
                                    progress=PhaseProgress(progress, schema.entity(kind).zh))
        return len(changes.created)

    try:
        with store.transaction() as conn:
            counts = {"office": add("office", office_rows(world, offices)),
                      "official": add("official", official_rows(world)),
                      "enterprise": add("enterprise", enterprise_rows(world), len(world.enterprises))}
            for spec in SPECS:
                rows = (project.row for project in project_stream(world, spec, sizes[spec.kind], keys[spec.kind]))
                counts[spec.kind] = add(spec.kind, rows, sizes[spec.kind])
            plans = (project.plan for spec in SPECS
                     for project in project_stream(world, spec, sizes[spec.kind], keys[spec.kind])
                     if project.plan is not None)
            counts["evaluation"] = add("evaluation", evaluation_rows(world, plans)) if world.months else 0
            batches.finish(conn, batch, {"seed": seed, **counts})
    except BaseException:
        batches.abandon(store, batch)
        raise
    return DemoReport(batch=batch, **counts)
