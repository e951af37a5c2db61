"""Masked-language-model pretraining of the encoder on raw corpus text (optional, `mlm_epochs` > 0).

Every corpus text outside the held-back splits (by default the test split) is
cut into blocks of `max_len` tokens; 15% of the tokens are chosen, of which
80% become [MASK], 10% a random token and 10% stay (BERT's recipe). The
encoder weights then seed the token classifier. Seeded like the rest of
training; the pretrained encoder is kept in `run/mlm/` so that `--resume`
does not redo it.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import torch
from transformers import BertConfig, BertForMaskedLM, PreTrainedTokenizerFast, get_linear_schedule_with_warmup

from vngov_ie.corpus import corpus_text, read_manifest
from vngov_ie.model.config import TrainConfig
from vngov_ie.model.features import Progress
from vngov_ie.normalise import normalise

MLM_DIR = "mlm"


def mlm_blocks(tokenizer: PreTrainedTokenizerFast, texts: list[str], max_len: int) -> list[list[int]]:
    """[CLS] + up to max_len - 2 sub-words + [SEP] per block, documents never mixed in one block."""
    body = max_len - 2
    blocks = []
    for text in texts:
        ids = tokenizer(text, add_special_tokens=False)["input_ids"]
        for lo in range(0, len(ids), body):
            chunk = ids[lo : lo + body]
            if len(chunk) >= 8:
                blocks.append([tokenizer.cls_token_id, *chunk, tokenizer.sep_token_id])
    return blocks


def mask_tokens(ids: torch.Tensor, special: torch.Tensor, tokenizer: PreTrainedTokenizerFast,
                probability: float, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """BERT masking: (inputs, labels) with -100 where nothing is predicted."""
    labels = ids.clone()
    chosen = (torch.rand(ids.shape, generator=generator) < probability) & ~special
    labels[~chosen] = -100
    inputs = ids.clone()
    to_mask = chosen & (torch.rand(ids.shape, generator=generator) < 0.8)
    inputs[to_mask] = tokenizer.mask_token_id
    to_random = chosen & ~to_mask & (torch.rand(ids.shape, generator=generator) < 0.5)
    inputs[to_random] = torch.randint(len(tokenizer), ids.shape, generator=generator)[to_random]
    return inputs, labels


def _batch(blocks: list[list[int]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(b) for b in blocks)
    ids = torch.full((len(blocks), width), pad_id, dtype=torch.long)
    mask = torch.zeros_like(ids)
    for i, b in enumerate(blocks):
        ids[i, : len(b)] = torch.tensor(b)
        mask[i, : len(b)] = 1
    return ids, mask


def masked_lm_loss(model: BertForMaskedLM, inputs: torch.Tensor, attention: torch.Tensor,
                   labels: torch.Tensor) -> torch.Tensor:
    """Cross-entropy at the chosen positions only: the vocabulary head runs on 15% of the tokens, not all."""
    hidden = model.bert(input_ids=inputs, attention_mask=attention).last_hidden_state
    chosen = labels != -100
    logits = model.cls(hidden[chosen])
    return torch.nn.functional.cross_entropy(logits, labels[chosen])


def pretrain_texts(cfg: TrainConfig, held_back: set[str]) -> list[str]:
    """Normalised texts of every corpus document not held back (annotated or not)."""
    return [normalise(corpus_text(r.doc_id)).text for r in read_manifest() if r.doc_id not in held_back]


def pretrain_encoder(cfg: TrainConfig, config: BertConfig, tokenizer: PreTrainedTokenizerFast, texts: list[str],
                     run: Path, device: str = "cpu", progress: Progress | None = None) -> tuple[BertForMaskedLM, list[float]]:
    """Train a masked LM from scratch on `texts`; saved in run/mlm and returned with its mean loss per epoch."""
    target = Path(run) / MLM_DIR
    if (target / "config.json").is_file():
        return BertForMaskedLM.from_pretrained(target).to(device), []
    torch.manual_seed(cfg.seed)
    model = BertForMaskedLM(config).to(device)
    blocks = mlm_blocks(tokenizer, texts, cfg.max_len)
    steps_per_epoch = math.ceil(len(blocks) / cfg.batch_size)
    total = steps_per_epoch * cfg.mlm_epochs
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    scheduler = get_linear_schedule_with_warmup(optimizer, int(total * cfg.warmup_ratio), total)
    specials = torch.tensor(sorted(set(tokenizer.all_special_ids)))
    step, losses = 0, []
    model.train()
    for epoch in range(cfg.mlm_epochs):
        epoch_loss, batches = 0.0, 0
        order = torch.randperm(len(blocks), generator=torch.Generator().manual_seed(cfg.seed * 31 + epoch)).tolist()
        masking = torch.Generator().manual_seed(cfg.seed * 131 + epoch)
        for lo in range(0, len(order), cfg.batch_size):
            ids, attention = _batch([blocks[i] for i in order[lo : lo + cfg.batch_size]], tokenizer.pad_token_id)
            special = torch.isin(ids, specials)
            inputs, labels = mask_tokens(ids, special, tokenizer, cfg.mlm_probability, masking)
            loss = masked_lm_loss(model, inputs.to(device), attention.to(device), labels.to(device))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            epoch_loss, batches = epoch_loss + loss.item(), batches + 1
            if progress:
                progress("pretrain", step, total)
        losses.append(epoch_loss / max(1, batches))
    tmp = target.with_name(MLM_DIR + ".tmp")
    model.save_pretrained(tmp)
    if target.exists():
        import shutil

        shutil.rmtree(target)
    tmp.rename(target)
    (target / "mlm_log.json").write_text(json.dumps({"epochs": cfg.mlm_epochs, "blocks": len(blocks), "loss": losses}))
    return model, losses
