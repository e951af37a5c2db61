"""The model on real annotated documents: overfit, save, reload, same predictions; resume = uninterrupted."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import torch

from conftest import REPO
from vngov_ie.model.config import TrainConfig
from vngov_ie.model.infer import ModelTagger
from vngov_ie.model.train import train
from vngov_ie.splits import SplitRow, write_splits

# Small documents with gold annotations, chosen to be quick to train on.
TRAIN_DOCS = ("tnt-5d3180cef1d254d0", "tnt-9ca435f010e53248")
DEV_DOC = "tnt-b7a1f12e746ba1bb"


def tiny_config(tmp_path: Path, **changes) -> TrainConfig:
    splits = tmp_path / "splits.tsv"
    rows = [SplitRow(d, "train", "x", False) for d in TRAIN_DOCS] + [SplitRow(DEV_DOC, "dev", "x", False)]
    write_splits(rows, splits)
    base = TrainConfig(
        annotations=str(REPO / "annotations"), splits=str(splits), vocab_size=3000, hidden_size=64,
        num_layers=2, num_heads=2, intermediate_size=128, max_len=128, stride=16, epochs=2,
        batch_size=4, lr=3e-3, warmup_ratio=0.0, checkpoint_every=5, dropout=0.0, feature_dropout=0.0,
    )
    return dataclasses.replace(base, **changes)


@pytest.fixture(scope="module")
def have_docs() -> None:
    missing = [d for d in (*TRAIN_DOCS, DEV_DOC) if not (REPO / "annotations" / f"{d}.json").is_file()]
    if missing:
        pytest.fail(f"gold annotations missing: {missing}")


@pytest.mark.slow
def test_overfit_save_reload_same_predictions(tmp_path: Path, have_docs) -> None:
    from vngov_ie.corpus import corpus_text
    from vngov_ie.model.train import gold_spans_normalised

    cfg = tiny_config(tmp_path, epochs=25, train_splits=("train",), dev_split="train", rule_features=False)
    logs = train(cfg, tmp_path / "run")
    assert logs[-1].train_loss < logs[0].train_loss
    tagger = ModelTagger(tmp_path / "run" / "model")
    text, gold = gold_spans_normalised(TRAIN_DOCS[0], Path(cfg.annotations))
    predicted = tagger.tag(text)
    hits = len({(s.start, s.end, s.label) for s in gold} & {(s.start, s.end, s.label) for s in predicted})
    assert hits / len(gold) > 0.8, (hits, len(gold))
    again = ModelTagger(tmp_path / "run" / "model").tag(text)
    assert again == predicted
    # the folder loads offline in the transformers pipeline too
    from transformers import pipeline

    ner = pipeline("token-classification", model=str(tmp_path / "run" / "model"), aggregation_strategy="simple")
    assert ner(corpus_text(TRAIN_DOCS[0])[:150])


@pytest.mark.slow
def test_resume_ends_with_the_same_weights(tmp_path: Path, have_docs) -> None:
    cfg = tiny_config(tmp_path, epochs=2, dropout=0.1, feature_dropout=0.3)
    train(cfg, tmp_path / "whole")
    train(cfg, tmp_path / "cut", stop_after_steps=7)
    assert (tmp_path / "cut" / "checkpoint" / "state.pt").is_file()
    train(cfg, tmp_path / "cut", resume=True)
    whole = torch.load(tmp_path / "whole" / "checkpoint" / "state.pt", weights_only=False)["model"]
    cut = torch.load(tmp_path / "cut" / "checkpoint" / "state.pt", weights_only=False)["model"]
    assert whole.keys() == cut.keys()
    assert all(torch.equal(whole[k], cut[k]) for k in whole)


def test_config_rejects_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{"epochz": 3}', encoding="utf-8")
    with pytest.raises(ValueError, match="epochz"):
        TrainConfig.load(path)


@pytest.mark.slow
def test_killed_train_resumes_to_the_same_weights(tmp_path: Path, have_docs) -> None:
    """`vngov-ie train` killed after its first checkpoint, then `--resume`, ends like an uninterrupted run."""
    import json
    import signal
    import subprocess
    import sys
    import time
    from dataclasses import asdict

    cfg = tiny_config(tmp_path, epochs=3, dropout=0.1, checkpoint_every=3)
    config = tmp_path / "tiny.json"
    config.write_text(json.dumps(asdict(cfg)), encoding="utf-8")
    train(cfg, tmp_path / "whole")
    exe = str(Path(sys.executable).parent / "vngov-ie")
    run = tmp_path / "killed"
    proc = subprocess.Popen([exe, "train", "--config", str(config), "--out", str(run)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not (run / "checkpoint" / "state.pt").is_file() and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert (run / "checkpoint" / "state.pt").is_file()
    resumed = subprocess.run([exe, "train", "--config", str(config), "--out", str(run), "--resume"],
                             capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    whole = torch.load(tmp_path / "whole" / "checkpoint" / "state.pt", weights_only=False)["model"]
    again = torch.load(run / "checkpoint" / "state.pt", weights_only=False)["model"]
    assert all(torch.equal(whole[k], again[k]) for k in whole)


def test_masking_never_touches_special_tokens_and_labels_only_chosen_tokens() -> None:
    from transformers import PreTrainedTokenizerFast

    from vngov_ie.corpus import corpus_text
    from vngov_ie.model.pretrain import mask_tokens, mlm_blocks
    from vngov_ie.model.tokenizer import train_tokenizer

    text = corpus_text(TRAIN_DOCS[0])
    tokenizer: PreTrainedTokenizerFast = train_tokenizer([text], 2000)
    blocks = mlm_blocks(tokenizer, [text], 64)
    assert all(b[0] == tokenizer.cls_token_id and b[-1] == tokenizer.sep_token_id and len(b) <= 64 for b in blocks)
    ids = torch.tensor([b for b in blocks if len(b) == 64])
    special = torch.isin(ids, torch.tensor(tokenizer.all_special_ids))
    inputs, labels = mask_tokens(ids, special, tokenizer, 0.15, torch.Generator().manual_seed(0))
    chosen = labels != -100
    assert not (chosen & special).any()
    assert torch.equal(labels[chosen], ids[chosen])
    assert torch.equal(inputs[~chosen], ids[~chosen])
    share = chosen.float().mean().item()
    assert 0.08 < share < 0.2, share
    assert (inputs[chosen] == tokenizer.mask_token_id).float().mean().item() > 0.6


@pytest.mark.slow
def test_pretraining_lowers_the_masked_lm_loss_and_is_kept_for_resume(tmp_path: Path, have_docs) -> None:
    from vngov_ie.corpus import corpus_text
    from vngov_ie.model.pretrain import pretrain_encoder
    from vngov_ie.model.train import build_model
    from vngov_ie.model.tokenizer import train_tokenizer

    cfg = tiny_config(tmp_path, mlm_epochs=6, lr=3e-3)
    texts = [corpus_text(d) for d in TRAIN_DOCS]
    tokenizer = train_tokenizer(texts, 2000)
    tokenizer.model_max_length = 10**9
    config = build_model(cfg, len(tokenizer)).config
    model, losses = pretrain_encoder(cfg, config, tokenizer, texts, tmp_path / "run")
    assert len(losses) == 6 and losses[-1] < losses[0]
    again, more = pretrain_encoder(cfg, config, tokenizer, texts, tmp_path / "run")
    assert more == []  # loaded from run/mlm, not trained again
    assert all(torch.equal(a, b) for a, b in zip(model.state_dict().values(), again.state_dict().values()))


def test_masked_lm_loss_at_chosen_positions_equals_the_full_head_loss() -> None:
    from transformers import BertConfig, BertForMaskedLM

    from vngov_ie.model.pretrain import masked_lm_loss

    torch.manual_seed(0)
    config = BertConfig(vocab_size=100, hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64)
    model = BertForMaskedLM(config).eval()
    ids = torch.randint(5, 100, (3, 20))
    attention = torch.ones_like(ids)
    labels = ids.clone()
    labels[torch.rand(ids.shape) > 0.2] = -100
    with torch.no_grad():
        ours = masked_lm_loss(model, ids, attention, labels)
        full = model(input_ids=ids, attention_mask=attention, labels=labels).loss
    assert torch.allclose(ours, full, atol=1e-6)


@pytest.mark.slow
def test_crf_features_are_out_of_fold_in_training_and_ship_with_the_model(tmp_path: Path, have_docs) -> None:
    import json

    from vngov_ie.model.features import CRF_FILE
    from vngov_ie.model.train import crf_plan, gold_spans_normalised

    cfg = tiny_config(tmp_path, epochs=1, features="crf", crf_folds=2, crf_iterations=15)
    plan = crf_plan(cfg, tmp_path / "run", list(TRAIN_DOCS))
    for fold in range(plan.folds):  # no fold CRF sees the documents it tags
        assert plan.held_out(fold) and not set(plan.held_out(fold)) & set(plan.training(fold))
    assert plan.training(None) == list(TRAIN_DOCS)
    train(cfg, tmp_path / "run")
    model_dir = tmp_path / "run" / "model"
    assert (model_dir / CRF_FILE).read_bytes() == plan.model_path(None).read_bytes()
    assert json.loads((model_dir / "vngov_ie.json").read_text())["features"] == "crf"
    tagger = ModelTagger(model_dir)
    assert tagger._rules.name == "crf"
    text, _ = gold_spans_normalised(DEV_DOC, Path(cfg.annotations))
    assert tagger.tag(text) == ModelTagger(model_dir).tag(text)
    (model_dir / CRF_FILE).unlink()
    with pytest.raises(OSError, match=CRF_FILE):
        ModelTagger(model_dir)


def test_config_rejects_an_unknown_feature_source() -> None:
    with pytest.raises(ValueError, match="features"):
        TrainConfig(features="spacy")
