"""The landscape caption that asks the lecture's question before it answers."""
from __future__ import annotations

from engine import landscapes
from gui.landscape.landscape_mode import LandscapeMode
from gui.landscape.question import QuestionLabel


def test_minima_1d_asks_first_and_answers_on_request(qtbot):
    mode = LandscapeMode("minima-1d")
    qtbot.addWidget(mode)
    ls = landscapes.get("minima-1d")
    label = mode.description
    assert label.text() == ls.description and "B is the global" not in label.text()
    assert label.text().startswith("Which letter is the global minimum?")
    assert not label.answer_shown and label.button.text() == "Show answer"
    label.button.click()
    assert label.answer_shown and label.text() == f"{ls.description}  {ls.answer}"
    assert "B is the global minimum; A and C are local" in label.text()
    label.button.click()
    assert label.text() == ls.description


def test_the_answer_names_the_letters_the_minima_really_have():
    ls = landscapes.get("minima-1d")
    lowest = min(ls.minima, key=lambda m: m.value)
    others = sorted(m.label for m in ls.minima if m is not lowest)
    assert f"{lowest.label} is the global minimum" in ls.answer
    assert f"{others[0]} and {others[1]} are local" in ls.answer


def test_a_surface_without_an_answer_shows_no_button(qtbot):
    label = QuestionLabel()
    qtbot.addWidget(label)
    label.set_question("A bowl", "")
    assert label.button.isHidden() and label.text() == "A bowl"
    switched = [name for name, ls in landscapes.REGISTRY.items() if not ls.answer]
    assert switched                                  # most surfaces simply describe
