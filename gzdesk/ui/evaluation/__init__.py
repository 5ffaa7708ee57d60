"""The evaluation screens: a project's timeline (:mod:`.timeline`, :mod:`.form`), a round with bulk entry
(:mod:`.round_view`, :mod:`.round_model`, :mod:`.bulk_table`), the meeting dashboard (:mod:`.dashboard`,
:mod:`.charts`, :mod:`.drill`, :mod:`.printing`) and the main window's menu for them (:mod:`.menu`).

All numbers come from gzdesk.core.evaluation; these modules only show and ask.
"""
