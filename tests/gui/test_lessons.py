"""The Lessons menu, captions and presentation mode."""
from __future__ import annotations

from engine import presets
from gui.lessons import SECTIONS, section_of
from tests.gui.helpers import wait_until


def test_menu_lists_every_preset_in_the_lectures_order(window):
    menu = window.lessons_menu
    names = presets.names()
    assert list(menu.actions_by_name) == names
    lessons = set(menu.actions_by_name.values())
    entries = [a for a in menu.actions() if a in lessons]      # not the picker / next / prev
    assert [a.text() for a in entries] == [f"{i}. {presets.info(n).title}"
                                           for i, n in enumerate(names, start=1)]
    sections = [a.text() for a in menu.actions() if a.isSeparator() and a.text()]
    assert sections == [title for _, title in SECTIONS]
    assert menu.actions_by_name[names[1]].shortcut().toString() == "Ctrl+2"


def test_sections_follow_the_order_numbers():
    assert section_of(0) == "Start"
    assert section_of(25) == "Objective function and loss functions"
    assert section_of(61) == "Gradient descent: how much to update?"


def test_choosing_a_lesson_starts_it_with_its_caption(window):
    old_run = window.network.session.controller.run_id
    window.lessons_menu.actions_by_name["lr-too-large"].trigger()
    info = presets.info("lr-too-large")
    assert window.windowTitle() == f"Descent Lab — {info.title}"
    assert window.network.session.config.optimizer.lr == 0.035 and window.network.session.config.data.dataset == "miles-to-km"
    assert window.network.session.controller.run_id == old_run + 1 and len(window.network.session.history) == 0
    assert window.caption.isVisible() and window.caption.text.text() == info.lesson
    window.set_caption_visible(False)
    assert not window.caption.isVisible()


def test_the_too_large_lesson_diverges_and_shows_the_banner(window):
    window.open_lesson("lr-too-large")
    window.modes.toggle_play()
    assert wait_until(lambda: window.network.divergence_bar.isVisible(), 10)
    text = window.network.divergence_bar.text
    assert "a million times its starting value" in text and "learning rate 0.035" in text
    assert window.network.session.controller.trainer.step_count < 100


def test_presentation_mode_toggles_full_screen(window):
    window.presentation.toggle()
    assert wait_until(lambda: window.isFullScreen(), 2)
    window.presentation.leave()
    assert wait_until(lambda: not window.isFullScreen(), 2)
