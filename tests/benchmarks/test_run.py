"""benchmarks/run.py --smoke runs every measurement and writes every key (speed not asserted)."""
import json

from benchmarks import run


def test_smoke_run_writes_every_key_with_a_value_or_a_printed_reason(tmp_path, capsys):
    out = tmp_path / "figures.json"
    assert run.main(["--smoke", "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert list(figures) == list(run.KEYS) and len(figures) == 14
    table = capsys.readouterr().out
    rows = {line.split()[0]: line for line in table.splitlines()[3:]}
    for key, value in figures.items():
        assert value is None or isinstance(value, (int, float)), key
        assert key in rows, key
        if value is None:                      # a null figure says why on its row
            assert "null" in rows[key] and len(rows[key].split("null", 1)[1].strip()) > 10
    assert figures["history_mb_1m_steps"] is not None and figures["history_mb_1m_steps"] > 0
