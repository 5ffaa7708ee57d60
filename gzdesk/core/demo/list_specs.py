"""How the projects of each of the three lists move through their stages and spend their money."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from gzdesk.core import schema
from gzdesk.core.demo.dice import Weighted


@dataclass(frozen=True)
class ListSpec:
    """How one list's projects move through their stages and spend their money."""

    kind: str
    prefix: str  # of the project code
    path: tuple[str, ...]  # the main stages in order (side states left out)
    gaps: tuple[tuple[int, int], ...]  # days from one main stage to the next, low and high
    stages: Weighted[str]  # how often each stage (side states included) is found
    stopped_after: Weighted[int]  # for a side state: the index of the last main stage reached
    first_active: int  # the main stages first_active … last_active are evaluated
    last_active: int
    done_share: tuple[tuple[float, float], ...]  # completed share of the total at each main stage
    total_median: float  # 万元
    levels: Weighted[str]

    @cached_property
    def positions(self) -> dict[str, int]:
        return {stage: index for index, stage in enumerate(self.path)}


def _spec(kind: str, prefix: str, stages: Mapping[str, float], gaps: tuple[tuple[int, int], ...],
          stopped_after: Mapping[int, float], active: tuple[int, int], done_share: tuple[tuple[float, float], ...],
          total_median: float, levels: Mapping[str, float]) -> ListSpec:
    vocabulary = schema.entity(kind).stages
    assert vocabulary is not None and set(stages) == set(vocabulary.values)
    path = tuple(stage for stage in vocabulary.values if stage not in ("暂缓", "终止"))
    assert len(gaps) == len(path) - 1 == len(done_share) - 1
    return ListSpec(kind, prefix, path, gaps, Weighted(stages), Weighted(stopped_after), active[0], active[1],
                    done_share, total_median, Weighted(levels))


SPECS = (
    _spec("investment", "ZS",
          {"线索": 8, "在谈": 14, "签约": 16, "注册": 12, "供地": 8, "开工": 18, "投产": 13, "达产": 5, "暂缓": 4,
           "终止": 2},
          ((15, 120), (30, 240), (15, 120), (30, 240), (30, 200), (180, 720), (180, 540)),
          {0: 1, 1: 4, 2: 4, 3: 2, 4: 1, 5: 1}, (2, 6),
          ((0, 0), (0, 0), (0, 0.05), (0.02, 0.1), (0.05, 0.25), (0.15, 0.7), (0.6, 0.95), (0.95, 1.0)),
          30_000, {"省重点": 1, "区重点": 25, "一般": 74}),
    _spec("tech_transfer", "KZ",
          {"成果对接": 18, "签约": 20, "登记认定": 15, "概念验证/中试": 17, "小批量试产": 14, "产业化": 12, "终止": 4},
          ((30, 180), (10, 60), (30, 240), (90, 360), (120, 480)),
          {0: 3, 1: 3, 2: 2, 3: 2}, (1, 4),
          ((0, 0), (0, 0.05), (0.02, 0.1), (0.1, 0.4), (0.3, 0.7), (0.8, 1.0)),
          6_000, {"区重点": 20, "一般": 80}),
    _spec("expansion", "ZK",
          {"谋划": 15, "备案": 18, "开工": 24, "设备安装": 14, "竣工投产": 17, "达产": 7, "暂缓": 3, "终止": 2},
          ((30, 180), (30, 240), (60, 360), (30, 240), (180, 540)),
          {0: 3, 1: 3, 2: 2}, (1, 4),
          ((0, 0), (0, 0.05), (0.1, 0.6), (0.4, 0.85), (0.8, 0.98), (0.95, 1.0)),
          12_000, {"省重点": 0.5, "区重点": 22, "一般": 77.5}),
)
