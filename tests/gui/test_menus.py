"""The menus: Edit → Undo, the lesson keys below the lessons, and F1's table of keys."""
from __future__ import annotations

from engine import presets
from gui.menus import KEYS
from tests.gui.helpers import wait_until


def test_edit_undo_is_ctrl_z_and_says_what_it_brings_back(window):
    undo = window.actions["undo"]
    assert undo.shortcut().toString() == "Ctrl+Z" and not undo.isEnabled()
    session = window.network.session
    session.controller.step(3)
    assert wait_until(lambda: len(session.history) == 3 and not session.controller.running, 5)
    window.open_lesson("momentum")
    assert undo.isEnabled()
    assert undo.text() == f"Undo: back to {presets.info('default').title} at step 3"
    undo.trigger()
    assert session.controller.trainer.step_count == 3
    assert not undo.isEnabled() and undo.text() == "Undo"   # the untrained lesson: not kept


def test_every_lesson_has_a_key_or_the_picker(window):
    menu, actions = window.lessons_menu, window.actions
    with_keys = [a for a in menu.actions_by_name.values() if not a.shortcut().isEmpty()]
    assert len(with_keys) == min(9, len(presets.names()))
    assert actions["pick_lesson"].shortcut().toString() == "L"
    assert actions["next_lesson"].shortcut().toString() == "PgDown"
    assert actions["previous_lesson"].shortcut().toString() == "PgUp"
    assert window.pick_lesson().list.count() == len(presets.names())


def test_the_f1_table_names_each_key_once():
    keys = [k for k, _ in KEYS]
    assert len(keys) == len(set(keys))
    assert {"Space", "→", "E", "R", "H", "T", "F1", "F11", "Ctrl+Z", "L"} <= set(keys)
