"""The config file and the labels and config commands, through the real command line
(CliRunner for parsing, exit codes and output; the store and config read back)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsgloss.annotations import Annotation, Store
from newsgloss.tui.cli import cli
from newsgloss.tui.config import ConfigError, load_config

GOOD = """\
store = "~/news/gloss.db"
annotator = "Ana"

[keymap]
tag-undo = "z"

[[labels]]
name = "engañoso"
key = "I"
colour = "#ff8800"
description = "Misleading"

[[labels]]
name = "needs source"
key = "u"
"""


def test_a_good_config_is_read_whole(no_user_config) -> None:
    no_user_config.parent.mkdir()
    no_user_config.write_text(GOOD)
    config = load_config(no_user_config)
    assert config.exists and config.store.name == "gloss.db" and "~" not in str(config.store)
    assert config.annotator == "Ana" and config.keymap == {"tag-undo": "z"}
    # "u" is free for a label once undo moved to "z"
    assert [(label.name, label.key) for label in config.labels] == [
        ("engañoso", "I"), ("needs source", "u"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('store = "a.db"\nmodel = \n', ":2: not valid TOML (Invalid value)"),
        ('store = "a.db"\ncolor = "x"\n', ":2: unknown setting 'color'"),
        ('\n[keymap]\ntag-undo = "z"\ntag-redo = "z"\n', ":4: the key 'z' is bound twice in "
         "the reader: 'tag-undo' and 'tag-redo'"),
        ('[keymap]\n\ntag-undoo = "z"\n', ":3: no binding has the id 'tag-undoo'"),
        ('[keymap]\ntag-undo = "j"\n', ":2: the key 'j' is bound twice in the reader: "
         "'tag-undo' and 'move-down'"),
        ('[[labels]]\nname = "x"\nkey = "j"\n', ":2: label x: the key 'j' is the reader's "
         "key for 'Down'"),
        ('[[labels]]\nname = "x"\ncolour = "red"\n', ":2: label x: the colour must be"),
        ('[[labels]]\nname = "x"\nshortcut = "y"\n', ":3: unknown label field 'shortcut'"),
        ('theme = 3\n', ":1: 'theme' must be a non-empty string"),
    ],
)  # fmt: skip
def test_a_bad_config_is_one_line_naming_the_file_line_and_problem(
    no_user_config, text: str, problem: str
) -> None:
    no_user_config.parent.mkdir()
    no_user_config.write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(no_user_config)
    assert str(error.value).startswith(f"{no_user_config}{problem}"), str(error.value)
    result = CliRunner().invoke(cli, ["docs"])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {error.value}"  # one line, and no traceback


def test_config_path_and_show_give_where_and_what(no_user_config, tmp_path, monkeypatch) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["config", "path"]).output.strip() == str(no_user_config)
    shown = runner.invoke(cli, ["config", "show"]).output
    assert "(no such file)" in shown and 'theme = "textual-dark"  # default' in shown
    no_user_config.parent.mkdir()
    no_user_config.write_text('model = "my_model"\ntheme = "nord"\n[keymap]\ntag-undo = "z"\n')
    monkeypatch.setenv("NEWSGLOSS_DB", str(tmp_path / "env.db"))
    shown = runner.invoke(cli, ["--theme", "dracula", "config", "show"]).output
    assert f'store = "{tmp_path / "env.db"}"  # environment' in shown
    assert 'model = "my_model"  # config file' in shown
    assert 'theme = "dracula"  # command line' in shown
    assert '[keymap]\ntag-undo = "z"' in shown
    no_user_config.write_text("model = \n")
    assert runner.invoke(cli, ["config", "path"]).exit_code == 0  # still says where it is
    broken = runner.invoke(cli, ["config", "show"])
    assert broken.exit_code == 1 and "not valid TOML" in broken.output


def test_settings_precedence_command_line_environment_config_default(
    no_user_config, tmp_path, monkeypatch
) -> None:
    no_user_config.parent.mkdir()
    no_user_config.write_text(f'store = "{tmp_path / "config.db"}"\nannotator = "Cfg"\n')
    runner = CliRunner()
    runner.invoke(cli, ["add", "--no-analysis"])
    assert (tmp_path / "config.db").exists()  # config over the default
    monkeypatch.setenv("NEWSGLOSS_DB", str(tmp_path / "env.db"))
    runner.invoke(cli, ["add", "--no-analysis"])
    assert (tmp_path / "env.db").exists()  # environment over config
    runner.invoke(cli, ["--db", str(tmp_path / "cli.db"), "add", "--no-analysis"])
    assert (tmp_path / "cli.db").exists()  # command line over environment
    monkeypatch.delenv("NEWSGLOSS_ANNOTATOR", raising=False)
    shown = runner.invoke(cli, ["config", "show"]).output
    assert 'annotator = "Cfg"  # config file' in shown
    monkeypatch.setenv("NEWSGLOSS_ANNOTATOR", "Env")
    assert 'annotator = "Env"  # environment' in runner.invoke(cli, ["config", "show"]).output


def test_a_new_store_takes_the_configs_labels(no_user_config, run, db_path) -> None:
    no_user_config.parent.mkdir()
    no_user_config.write_text('[[labels]]\nname = "fals"\nkey = "f"\n')
    assert run("labels").exit_code == 1  # reading commands never make a store
    no_user_config.write_text('[[labels]]\nname = "fals"\nkey = "z"\n')
    assert run("add", "--no-analysis").exit_code == 0
    assert run("labels").output == "fals\tz\t#a0a0a0\t0\t\n"


def test_labels_commands(run, db_path, sample_documents) -> None:
    assert run("labels", "add", "misleading", "--key", "X", "--colour", "#f80").exit_code == 0
    refused = run("labels", "add", "other", "--key", "u")
    assert refused.exit_code == 1
    assert refused.output == "Error: other: the key 'u' is the reader's key for 'Undo'\n"
    with Store.open(db_path) as store:
        store.add_documents(sample_documents[:1])
        document = sample_documents[0]
        store.add_annotation(Annotation.create(document, 0, 6, "claim"))
        store.add_annotation(Annotation.create(document, 0, 6, "misleading"))
        store.add_annotation(Annotation.create(document, 7, 9, "misleading"))
    listing = run("labels").output.splitlines()
    assert listing[0].split("\t")[:4] == ["claim", "c", "#3d7eff", "1"]
    assert listing[-1] == "misleading\tX\t#f80\t2\t"
    merged = run("labels", "merge", "misleading", "claim")
    assert merged.output == (
        "Merged misleading into claim: 1 annotation moved, 1 already tagged claim dropped\n"
    )
    assert run("labels", "rename", "claim", "afirmación").exit_code == 0
    removed = run("labels", "remove", "afirmación")
    assert removed.exit_code == 1 and "2 annotations carry it" in removed.output
    assert run("labels", "remove", "afirmación", "--force").exit_code == 0
    assert [line.split("\t")[0] for line in run("labels").output.splitlines()] == [
        "attribution", "disputed",
    ]  # fmt: skip
    with Store.open(db_path) as store:
        assert store.annotations() == []


def test_labels_edit_changes_key_colour_and_description(run) -> None:
    assert run("labels", "add", "satire", "--key", "I").exit_code == 0
    edited = run(
        "labels", "edit", "Satire", "--key", "r", "--colour", "#0a0", "--description", "Jokes"
    )
    assert edited.exit_code == 0, edited.output
    assert run("labels").output.splitlines()[-1] == "satire\tr\t#0a0\t0\tJokes"
    refused = run("labels", "edit", "satire", "--key", "j")
    assert refused.exit_code == 1 and "the reader's key for 'Down'" in refused.output
    assert run("labels", "edit", "satire", "--key", "").output.endswith("key (none), colour #0a0\n")
