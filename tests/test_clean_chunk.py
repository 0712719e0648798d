"""Cleaning drops site chrome; chunks and sentences keep exact offsets into the file."""

from __future__ import annotations

from pathlib import Path

import tiktoken

from qa.chunk import chunk_file, split_sentences
from qa.clean import Block, clean
from qa.load import load_corpus

PAGE = """Loading Now

Big Talks Reach a Turning Point

Big Talks Reach a Turning Point

written by SomeSite

The first paragraph says the talks in Geneva made progress. It has a second sentence.

Recent Updates

A second paragraph quotes an official: “We are close.” Then it ends.

#PoliticsNews #WorldNews

What's your reaction?
Excited
0
Happy
3

Source link

Post Comment
Contact
Address: CY
Email: support@example.com
posterbot
Recent News"""


def test_clean_drops_chrome_and_keeps_offsets() -> None:
    cleaned = clean(PAGE)
    texts = [b.text for b in cleaned.blocks]
    assert cleaned.title == "Big Talks Reach a Turning Point"
    assert texts == [
        "Big Talks Reach a Turning Point",
        "The first paragraph says the talks in Geneva made progress. It has a second sentence.",
        "A second paragraph quotes an official: “We are close.” Then it ends.",
    ]
    for block in cleaned.blocks:
        assert PAGE[block.start : block.end] == block.text


def test_clean_seed_articles_lose_their_chrome(corpus: Path) -> None:
    chrome = ("Recent Updates", "Source link", "Post Comment", "What's your reaction?", "Address:", "#PoliticsNews")
    for source in load_corpus(corpus).files:
        kept = "\n".join(b.text for b in clean(source.text).blocks)
        for piece in chrome:
            assert piece not in kept, (source.source, piece)


def test_chunks_are_token_sized_and_sentences_verbatim(corpus: Path) -> None:
    encoding = tiktoken.get_encoding("cl100k_base")
    for source in load_corpus(corpus).files:
        chunks = chunk_file(source, clean(source.text), chunk_size=96, chunk_overlap=16)
        assert chunks
        for chunk in chunks:
            assert len(encoding.encode(chunk.text)) <= 96
            assert 0 <= chunk.start < chunk.end <= len(source.text)
            assert chunk.sentences
            for sentence in chunk.sentences:
                assert source.text[sentence.start : sentence.end] == sentence.text
                assert chunk.start <= sentence.start and sentence.end <= chunk.end


def test_chunk_ids_derive_from_content(corpus: Path) -> None:
    source = load_corpus(corpus).files[0]
    first = [c.id for c in chunk_file(source, clean(source.text), 160, 32)]
    again = [c.id for c in chunk_file(source, clean(source.text), 160, 32)]
    assert first == again and len(set(first)) == len(first)


def test_a_quotation_is_one_sentence_when_a_quotation_inside_it_ends_with_a_question_mark() -> None:
    text = (
        "Russia struck Kyiv. “He has to be dealt with differently, through “Banking” or “Secondary Sanctions?” "
        "Too many people are dying!! !” Trump wrote in a post on Truth Social. Zelenskyy spoke later."
    )
    found = [s.text for s in split_sentences(Block(0, len(text), text))]
    assert found == [
        "Russia struck Kyiv.",  # Punkt alone ends the quotation at "Sanctions?”" and cuts the attribution off
        "“He has to be dealt with differently, through “Banking” or “Secondary Sanctions?” Too many people are "
        "dying!! !” Trump wrote in a post on Truth Social.",
        "Zelenskyy spoke later.",
    ]
    # a quotation of several sentences keeps them apart, and one never closed does not swallow what follows
    several = "“We need to decide in days. This is not our war.” Rubio said it twice."
    assert len(split_sentences(Block(0, len(several), several))) == 2
    unclosed = "“He asked about “Banking?” Nobody answered. Talks went on."
    assert len(split_sentences(Block(0, len(unclosed), unclosed))) == 3
