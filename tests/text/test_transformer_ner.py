"""The optional transformers backend of the entities stage, on a tiny random model built here.

Nothing downloads: the tokenizer (character WordPiece over the test text) and the BERT model are
built in ``tmp_path`` and loaded back from there with ``local_files_only=True``.
"""

import math
import pickle
import sys

import pytest

from thai_extract.stages.entities import EntitiesStage
from thai_extract.stages.normalize import NormalizeStage
from thai_extract.stages.segment import SegmentStage
from thai_extract.text.entities.transformer import TransformerTagger, decode, split_label
from tests.conftest import make_doc

TEXT = ("นายสมชาย ใจดี เดินทางไปกรุงเทพมหานครเมื่อวานนี้ "
        "เขาพบกับผู้ว่าราชการจังหวัดเชียงใหม่ที่ศาลากลาง\n\n"
        "บริษัทการบินไทยประกาศเที่ยวบินใหม่ไปญี่ปุ่น")
ID2LABEL = {0: "O", 1: "B-PERSON", 2: "I-PERSON", 3: "B-LOCATION", 4: "I-LOCATION",
            5: "B-ORGANIZATION", 6: "I-ORGANIZATION"}
BIAS = 2.0
# classifier weights are zeroed: every token's probabilities are softmax(bias)
P_WIN = math.exp(BIAS) / (math.exp(BIAS) + len(ID2LABEL) - 1)


def build_model(path, winner: int):
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    chars = sorted(set(TEXT) - set(" \n"))
    vocab = {tok: i for i, tok in enumerate(special + chars + ["##" + c for c in chars])}
    tok = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])])
    fast = transformers.PreTrainedTokenizerFast(
        tokenizer_object=tok, pad_token="[PAD]", unk_token="[UNK]", cls_token="[CLS]", sep_token="[SEP]",
        mask_token="[MASK]", model_max_length=128)
    fast.save_pretrained(path)

    torch.manual_seed(0)
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=37, max_position_embeddings=128, num_labels=len(ID2LABEL), id2label=ID2LABEL,
        label2id={v: k for k, v in ID2LABEL.items()})
    model = transformers.BertForTokenClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.zero_()
        model.classifier.bias[winner] = BIAS
    model.save_pretrained(path)
    return str(path)


@pytest.fixture(scope="module")
def b_location_model(tmp_path_factory):
    """Every word is B-LOCATION: each word its own LOCATION mention."""
    return build_model(tmp_path_factory.mktemp("ner-b-loc"), winner=3)


@pytest.fixture(scope="module")
def i_org_model(tmp_path_factory):
    """Every word is I-ORGANIZATION: each sentence one ORGANIZATION mention (IOB1-style start)."""
    return build_model(tmp_path_factory.mktemp("ner-i-org"), winner=6)


def run(entities, text=TEXT):
    doc = make_doc(text)
    for stage in (NormalizeStage(), SegmentStage(), entities):
        doc = stage(doc)
    return doc


def sentence_of(doc, start, end):
    hits = [k for k, s in enumerate(doc.sentences) if s.start <= start and end <= s.end]
    assert len(hits) == 1, (start, end)
    return hits[0]


def test_every_word_its_own_mention_with_mapped_label_and_softmax_score(b_location_model):
    stage = EntitiesStage(ner_model=b_location_model, rules=False)
    doc = run(stage)
    words = [t for t in doc.tokens if t.text.strip()]
    assert len(doc.sentences) >= 2
    assert [(e.start, e.end) for e in doc.entities] == [(t.start, t.end) for t in words]
    for e in doc.entities:
        assert 0 <= e.start < e.end <= len(TEXT)
        assert TEXT[e.start:e.end] == e.text
        assert e.label == "LOCATION"
        assert e.source == "transformer"
        assert e.score == pytest.approx(P_WIN, abs=1e-4)
        assert e.canonical
        sentence_of(doc, e.start, e.end)


def test_spans_cover_whole_tokens_and_stop_at_sentences(i_org_model):
    stage = EntitiesStage(ner_model=i_org_model, rules=False)
    doc = run(stage)
    starts = {t.start for t in doc.tokens}
    ends = {t.end for t in doc.tokens}
    assert len(doc.entities) == len(doc.sentences)  # one mention per sentence, none crosses one
    for e in doc.entities:
        assert e.label == "ORGANIZATION"
        assert e.start in starts and e.end in ends
        k = sentence_of(doc, e.start, e.end)
        words = [t for t in doc.tokens if t.sent_id == k and t.text.strip()]
        assert (e.start, e.end) == (words[0].start, words[-1].end)
        assert e.score == pytest.approx(P_WIN, abs=1e-4)


def test_rules_canonical_names_still_apply(b_location_model):
    doc = run(EntitiesStage(ner_model=b_location_model))
    sources = {e.source for e in doc.entities}
    assert "transformer" in sources
    assert any(s.startswith("gazetteer") for s in sources)  # เชียงใหม่, ญี่ปุ่น... from the gazetteers
    assert {e.label for e in doc.entities} <= {"PERSON", "ORGANIZATION", "LOCATION", "FACILITY", "EVENT"}


def test_stage_pickles_small_and_works_after_unpickling(b_location_model):
    stage = EntitiesStage(ner_model=b_location_model, rules=False)
    before = run(stage).entities  # the model is loaded now
    blob = pickle.dumps(stage)
    assert len(blob) < 4096
    assert b"torch" not in blob
    again = pickle.loads(blob)
    assert again.config()["ner_model"] == b_location_model
    assert run(again).entities == before


def test_missing_model_path_is_a_clear_error(tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    missing = str(tmp_path / "no-such-model")
    stage = EntitiesStage(ner_model=missing)
    with pytest.raises(FileNotFoundError, match="no-such-model"):
        run(stage)


def test_without_transformers_the_error_names_the_extra(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "transformers", None)
    with pytest.raises(ImportError, match=r"thai-extract\[transformers\]"):
        TransformerTagger(str(tmp_path)).mentions("ก ข", [[(0, 1), (2, 3)]])


def test_label_names_and_bio_decoding():
    assert split_label("B-PER") == ("B", "PERSON")
    assert split_label("I-ORG") == ("I", "ORGANIZATION")
    assert split_label("B-LOC") == ("B", "LOCATION")
    assert split_label("S-FAC") == ("B", "FACILITY")
    assert split_label("E-EVENT") == ("I", "EVENT")
    assert split_label("LOC") == ("I", "LOCATION")
    assert split_label("B-DATE") == ("O", None) and split_label("TIME") == ("O", None)
    assert split_label("O") == ("O", None)
    assert split_label("b-law") == ("B", "LAW")
    tags = [split_label(t) for t in ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG", "B-DATE"]]
    spans = decode(tags, [0.9, 0.7, 1.0, 0.5, 0.5, 0.6, 0.4, 0.9])
    assert [(i, j, label) for i, j, label, _ in spans] == [
        (0, 2, "PERSON"), (3, 5, "LOCATION"), (5, 6, "LOCATION"), (6, 7, "ORGANIZATION")]
    assert spans[0][3] == pytest.approx(0.8)


def test_a_word_takes_its_first_sub_tokens_label(b_location_model):
    """A stand-in model says B-PERSON on a word's first sub-token and O on the ``##`` ones."""
    torch = pytest.importorskip("torch")
    real = TransformerTagger(b_location_model)
    tokenizer, model, _ = real._load()
    table = torch.full((len(tokenizer), len(ID2LABEL)), -5.0)
    for tok, i in tokenizer.get_vocab().items():
        table[i, 0 if tok.startswith("##") or tok.startswith("[") else 1] = 5.0

    class Stub(torch.nn.Module):
        config = model.config

        def __init__(self):
            super().__init__()
            self.table = torch.nn.Parameter(table, requires_grad=False)

        def forward(self, input_ids, **_):
            return type("Out", (), {"logits": self.table[input_ids]})()

    tagger = TransformerTagger(b_location_model, batch_size=1)
    tagger._loaded = (tokenizer, Stub(), torch)
    text = "นายสมชาย ใจดี"
    spans = [[(0, 3), (3, 8)], [(9, 11), (11, 13)]]
    got = tagger.mentions(text, spans)
    assert [[(m.start, m.end, m.label) for m in ms] for ms in got] == [
        [(0, 3, "PERSON"), (3, 8, "PERSON")], [(9, 11, "PERSON"), (11, 13, "PERSON")]]


def test_words_past_the_models_length_are_left_out(b_location_model):
    text = " ".join(["สมชาย"] * 60)  # 300 sub-tokens, the model takes 128
    spans = [(k * 6, k * 6 + 5) for k in range(60)]
    got = TransformerTagger(b_location_model).mentions(text, [spans])[0]
    assert 0 < len(got) < 60
    assert [(m.start, m.end) for m in got] == spans[:len(got)]
