"""Realistic Guangzhou sample data: offices, officials, enterprises, the three project lists and evaluations.

:func:`fill_demo` is the only entry point. Everything is drawn from ``random.Random`` streams seeded from ``seed``
(one stream per list, so a list can be generated again identically), rows are generated lazily and handed to
``Store.create_many`` as iterables, so memory stays bounded for millions of projects. All names of enterprises,
people and institutions are made up (:mod:`gzdesk.core.demo.names`).

The modules, in the order a fill uses them: ``dice`` (seeded draws), ``dates`` and ``schedule`` (calendar texts,
序时进度 and the judgement), ``world`` (people, officials, enterprises), ``shared_entities`` (their rows),
``list_specs``, ``drafts``, ``spending``, ``texts``, ``investment`` / ``tech_transfer`` / ``expansion`` (the
fields of each list), ``projects``, ``evaluations`` and ``fill`` (the transaction, the batch, the progress).
"""

from gzdesk.core.demo.fill import DemoReport, fill_demo
from gzdesk.core.demo.schedule import judge, schedule_percent

__all__ = ["DemoReport", "fill_demo", "judge", "schedule_percent"]
