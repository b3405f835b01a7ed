//! The whole analysis of one article: quotes, their speakers, attributions without quotes,
//! source classes, sentences. Everything the rules and the diff read.

use crate::attribution::{self, Found, Tok, Token};
use crate::document::{BlockKind, Document};
use crate::input::Format;
use crate::layout::{Layout, Role as TurnRole};
use crate::lexicon::{Lexicon, PhraseSet, WordClasses, Words, first_names, hot_phrases, lexicon};
use crate::quotes::{self, Quote, QuoteKind};
use crate::resolve::{Pronoun, Role};
use crate::sources::{Resolver, Source, SourceClass};
use crate::span::Span;
use std::borrow::Cow;

/// A quote with its kind and speaker.
#[derive(Clone, Debug)]
pub struct QuoteInfo {
    /// The quoted passage.
    pub quote: Quote,
    /// direct, partial or term.
    pub kind: QuoteKind,
    /// Who said it, if anyone.
    pub speaker: Option<Source>,
    /// The cue words ("said", "according to"), if any.
    pub cue: Option<String>,
    /// View span of the cue.
    pub cue_span: Option<Span>,
    /// True when the speaker was carried over from an earlier quote (split or continuation).
    pub continued: bool,
    /// Index of the sentence the quote opens in.
    pub sentence: usize,
}

/// A claim attributed without quotation marks.
#[derive(Clone, Debug)]
pub struct AttributionInfo {
    /// View span of the whole attribution (cue and source).
    pub span: Span,
    /// The cue words.
    pub cue: String,
    /// View span of the cue.
    pub cue_span: Span,
    /// The source.
    pub source: Source,
    /// Index of its sentence.
    pub sentence: usize,
}

/// The analysis of one article.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The document.
    pub doc: Document,
    /// Sentences of the view, in order.
    pub sentences: Vec<Span>,
    /// Quotes in order.
    pub quotes: Vec<QuoteInfo>,
    /// Attributions without quotes, in order.
    pub attributions: Vec<AttributionInfo>,
    /// Opening marks that never closed (view spans).
    pub unbalanced: Vec<Span>,
    /// The runs of letters and digits of the view ([`crate::lexicon::word_runs`]), where phrase
    /// lists start matching: split once, shared by every list the analysis and rules scan.
    pub word_runs: Vec<crate::lexicon::WordRun>,
    /// The matches of each of [`crate::lexicon::hot_phrases`]'s lists in the view, found in
    /// one scan; read them through [`Analysis::find`].
    pub hot_hits: Vec<Vec<(Span, usize)>>,
    /// View span of the first mention of each entity, by `Source::mention` index, where known
    /// ("A banker who has worked with Calloway" for a later "the banker").
    pub mention_spans: Vec<Option<Span>>,
    /// Transcript turns and page furniture: text that is not the writer's prose.
    pub layout: Layout,
}

impl Analysis {
    /// Analyse `raw` read as `format`.
    pub fn new(raw: String, format: Format) -> Analysis {
        analyze(Document::new(raw, format))
    }

    /// The sentence index holding view offset `v`.
    pub fn sentence_at(&self, v: usize) -> usize {
        self.sentences
            .partition_point(|s| s.end <= v)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// The story's headline: its first block when a body follows and the block is a heading,
    /// or a short line with no closing punctuation ("German authorities confirm first case").
    pub fn headline(&self) -> Option<Span> {
        let b = self
            .doc
            .blocks
            .first()
            .filter(|_| self.doc.blocks.len() > 1)?;
        let text = b.span.of(&self.doc.text).trim_end();
        let unpunctuated = text.len() <= 250
            && !text.contains('\n')
            && !text.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', '\'', '’']);
        (b.kind == crate::document::BlockKind::Heading || unpunctuated).then_some(b.span)
    }

    /// Every word-bounded match of `set` in the view, as `set.find_in(view, &self.word_runs)`
    /// finds them: looked up when `set` is one of the hot lists, scanned otherwise.
    pub fn find(&self, set: &PhraseSet) -> Cow<'_, [(Span, usize)]> {
        match hot_phrases().index_of(set) {
            Some(l) => Cow::Borrowed(&self.hot_hits[l]),
            None => Cow::Owned(set.find_in(&self.doc.text, &self.word_runs)),
        }
    }

    /// True when view offset `v` is not the writer's own prose: inside a quote, a transcript
    /// turn (an answer is the interviewee's speech, a question makes no claim) or page
    /// furniture (captions, related-story lines, embedded posts). Prose rules skip those words.
    pub fn not_prose(&self, v: usize) -> bool {
        self.in_quote(v) || self.layout_excludes(v)
    }

    /// True when view offset `v` lies in a transcript turn or in page furniture.
    pub fn layout_excludes(&self, v: usize) -> bool {
        self.layout.turn_at(v).is_some() || self.layout.in_furniture(v)
    }

    /// True when view offset `v` lies inside a quote.
    pub fn in_quote(&self, v: usize) -> bool {
        let i = self.quotes.partition_point(|q| q.quote.span.end <= v);
        self.quotes
            .get(i)
            .is_some_and(|q| q.quote.span.contains_offset(v))
    }
}

/// Run the whole analysis over a parsed document.
pub fn analyze(doc: Document) -> Analysis {
    let lex = lexicon();
    let scan = quotes::scan(&doc);
    let view = doc.text.as_str();
    let sentences = split_sentences(lex, &doc, &scan.quotes);
    // One pass splits the view into words (with their class bits) and word runs (where
    // phrase lists match); the prose scans and every phrase list share them.
    let scanned = crate::lexicon::scan_words(view, 0, Some(attribution::classes()));
    let word_runs = scanned.runs;
    let hot_hits = hot_phrases().find_in(view, &word_runs);
    let hot = |set: &PhraseSet| &hot_hits[hot_phrases().index_of(set).expect("a hot list")];
    let qspans: Vec<(usize, Span)> = scan
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| (i, q.span))
        .collect();

    // Pass 1: what the grammar finds for each quote, and in prose, in document order.
    enum Event {
        Quote {
            q: usize,
            found: Option<Found>,
            kind: QuoteKind,
            sentence: usize,
        },
        Prose {
            found: Found,
            sentence: usize,
        },
    }
    let mut events: Vec<(usize, Event)> = Vec::new();
    let mut used_cues: rustc_hash::FxHashSet<Span> = Default::default();
    let mut quote_sentence = vec![0usize; scan.quotes.len()];
    let mut quote_event: rustc_hash::FxHashMap<usize, usize> = Default::default();
    // Fast path: only sentences that hold a quote or a cue word are tokenized at all.
    let cue_at = hot(&lex.cue_words);
    // "Sources report": a verb that is also a noun is a cue right after a source's head.
    let head_verbs: Vec<Span> = {
        let (words, classes) = (&scanned.words, &scanned.classes);
        let g = attribution::grammar();
        (1..words.len())
            .filter(|&i| {
                classes[i - 1] & crate::lexicon::WordClasses::ANON_HEAD != 0
                    && g.head_verbs.contains(words[i].0)
            })
            .map(|i| words[i].1)
            .collect()
    };
    let has_cue = |s: &Span| {
        let i = cue_at.partition_point(|(c, _)| c.start < s.start);
        let k = head_verbs.partition_point(|c| c.start < s.start);
        cue_at.get(i).is_some_and(|(c, _)| c.start < s.end)
            || head_verbs.get(k).is_some_and(|c| c.start < s.end)
    };
    let has_quote = |s: &Span| {
        let i = qspans.partition_point(|(_, q)| q.end <= s.start);
        qspans.get(i).is_some_and(|(_, q)| q.start < s.end)
    };
    // Tokens and their class bits, one buffer each for every sentence; the words of subject
    // phrases, one buffer for every phrase.
    let (mut toks, mut bits) = (Vec::new(), Vec::new());
    let mut np_words = Words { words: Vec::new() };
    for (si, s) in sentences.iter().enumerate() {
        let (quoted, cued) = (has_quote(s), has_cue(s));
        if !quoted && !cued {
            continue;
        }
        attribution::tokenize_into(view, *s, &qspans, &mut toks);
        token_classes_into(view, &toks, &scanned.words, &scanned.classes, &mut bits);
        // In a headline a speech verb is capitalised like every word, and still a cue.
        if quoted && attribution::headline_case(view, &toks) {
            for b in bits.iter_mut().filter(|b| **b & WordClasses::SPEECH != 0) {
                *b |= attribution::HEADLINE_CUE;
            }
        }
        let (toks, bits) = (toks.as_slice(), bits.as_slice());
        let mut last_quote: Option<usize> = None;
        // The last attribution a speech quote of this sentence found, and the kind of the
        // sentence's previous quote (with its token index).
        let mut sentence_found: Option<Found> = None;
        let mut prev_kind: Option<(usize, QuoteKind)> = None;
        for (ti, t) in toks.iter().enumerate() {
            let Tok::Quote(q) = t.tok else { continue };
            let from = last_quote.map(|p| p + 1).unwrap_or(0);
            last_quote = Some(ti);
            // A quote opening before this sentence (multi-paragraph) is classified where it
            // opens; an attribution after its close, here, is still its own ("...," Obi said).
            if scan.quotes[q].span.start < s.start {
                if scan.quotes[q].span.end <= s.end
                    && let Some(&e) = quote_event.get(&q)
                    && let Event::Quote {
                        found: found @ None,
                        ..
                    } = &mut events[e].1
                    && let Some(f) = attribution::after_quote_classed(view, toks, bits, ti)
                {
                    used_cues.insert(f.cue);
                    *found = Some(f);
                }
                continue;
            }
            quote_sentence[q] = si;
            let found = if scan.quotes[q].block_quote {
                None
            } else {
                let after = attribution::after_quote_classed(view, toks, bits, ti);
                let before = attribution::before_quote_classed(view, toks, bits, ti, from);
                // A quote that opens its sentence takes the attribution after it; one inside
                // a sentence takes the cue before it when there is one.
                match (before, after) {
                    (Some(b), Some(a)) => {
                        if from == ti || quote_starts_clause(view, toks, ti, from) {
                            Some(a)
                        } else {
                            Some(b)
                        }
                    }
                    (b, a) => a.or(b),
                }
            };
            // A whole-sentence quote with the attribution as the next, short sentence of the
            // paragraph: "... a trial." Pelosi said. "...?" asked Lena Ortiz, who runs a bakery.
            let found = found.or_else(|| {
                let last = toks[ti + 1..].iter().all(|t| t.tok == Tok::Stop)
                    && (ti == from && from == 0
                        || matches!(toks[ti - 1].tok, Tok::Colon | Tok::Quote(_)));
                let next = sentences.get(si + 1)?;
                if !last || doc.block_at(next.start) != doc.block_at(s.start) {
                    return None;
                }
                let mut joined = vec![toks[ti]];
                joined.extend(attribution::tokenize(view, *next, &qspans));
                if joined
                    .iter()
                    .skip(1)
                    .any(|t| matches!(t.tok, Tok::Quote(_)))
                {
                    return None;
                }
                // A short sentence: the words up to the first comma (the attribution, before
                // any appositive). Or one the attribution opens, its cue among the first eight
                // words and no clause of its own reported after it ("...?" Ortiz asked
                // reporters at a news conference late last month; not "Ortiz said he would
                // ...", "Ortiz said that ...": a new statement).
                let words = joined
                    .iter()
                    .skip(1)
                    .take_while(|t| t.tok == Tok::Word)
                    .count();
                attribution::after_quote(view, &joined, 0).filter(|f| {
                    words <= 8
                        || joined[1..=8.min(joined.len() - 1)]
                            .iter()
                            .position(|t| t.span.start == f.cue.start)
                            .is_some_and(|c| !opens_reported_clause(view, joined.get(c + 2)))
                })
            });
            // A transcript turn quoted whole: ""WALLACE: Let's start with ..."".
            let found = found.or_else(|| attribution::quoted_turn(view, scan.quotes[q].inner));
            // A paragraph led by its source and a colon, as headlines attribute: "Christie:
            // Clinton 'A Disgrace' Over Police Comments".
            let found = found.or_else(|| {
                let b = doc.blocks[doc.block_at(s.start)?].span;
                (b.start == s.start)
                    .then(|| attribution::colon_source(view, *s, scan.quotes[q].span))
                    .flatten()
            });
            let term = !scan.quotes[q].block_quote
                && is_term(
                    lex,
                    view,
                    &scan.quotes[q],
                    toks,
                    ti,
                    from,
                    prev_kind,
                    found.as_ref(),
                );
            // A quote with no cue of its own shares the speaker of an earlier quote of its
            // sentence ("said the victims were "..." and had been used "..."") or, failing
            // that, takes the subject of its clause ("Trump referred to the riots as acts of
            // "domestic terror"").
            let (found, weak) = match found {
                Some(f) => (Some(f), false),
                None if !term && !scan.quotes[q].block_quote => {
                    let f = sentence_found
                        .clone()
                        .or_else(|| attribution::sentence_tail(view, toks, bits, ti))
                        .or_else(|| attribution::quote_subject(view, toks, bits, ti));
                    let weak = f.is_some();
                    (f, weak)
                }
                None => (None, false),
            };
            // "In a Gallup poll, 60 percent of voters said ...": the poll speaks.
            let found = found.map(|f| attribution::survey_behind(view, toks, bits, f));
            if let Some(f) = &found {
                used_cues.insert(f.cue);
            }
            let kind = if term {
                QuoteKind::Term
            } else {
                kind_of(
                    lex,
                    view,
                    &doc,
                    &scan.quotes[q],
                    toks,
                    bits,
                    ti,
                    from,
                    found.as_ref(),
                    weak,
                )
            };
            if kind != QuoteKind::Term
                && let Some(f) = &found
            {
                sentence_found = Some(f.clone());
            }
            prev_kind = Some((ti, kind));
            let pos = found
                .as_ref()
                .map(|f| f.speaker.start.min(scan.quotes[q].span.start))
                .unwrap_or(scan.quotes[q].span.start);
            quote_event.insert(q, events.len());
            events.push((
                pos,
                Event::Quote {
                    q,
                    found,
                    kind,
                    sentence: si,
                },
            ));
        }
        if !cued {
            continue;
        }
        for found in attribution::in_prose_classed(view, toks, bits, &used_cues, &mut np_words) {
            events.push((
                found.speaker.start.min(found.cue.start),
                Event::Prose {
                    found,
                    sentence: si,
                },
            ));
        }
    }
    events.sort_by_key(|(pos, _)| *pos);

    // Pass 2: classify and resolve in document order.
    let paragraphs: Vec<Span> = doc.blocks.iter().map(|b| b.span).collect();
    let mut resolver = Resolver::new(&sentences, &paragraphs);
    let mut phrase_words = (Words { words: Vec::new() }, Words { words: Vec::new() });
    let vw = scanned.words.as_slice();
    let classes = scanned.classes.as_slice();
    // Word indices of gendered pronouns (he, his, she, her...), found once per document.
    let gendered: Vec<usize> = (0..vw.len())
        .filter(|&k| classes[k] & (WordClasses::MALE | WordClasses::FEMALE) != 0)
        .collect();
    let mut alias_sentences = SentenceCursor::new(&sentences);
    let mut people = prose_people(lex, view, vw, classes, &gendered, &scan.quotes, &sentences);
    people.extend(prose_anonymous(
        lex,
        view,
        vw,
        classes,
        &scan.quotes,
        &sentences,
    ));
    people.extend(prose_groups(
        lex,
        view,
        vw,
        classes,
        &scan.quotes,
        &sentences,
    ));
    // Pronouns in prose carry salience along ("He also visited ..."); those that are a
    // speaker are resolved where they speak.
    let mut speakers: Vec<usize> = events
        .iter()
        .filter_map(|(_, e)| match e {
            Event::Quote { found: Some(f), .. } => Some(f.speaker.start),
            Event::Quote { found: None, .. } => None,
            Event::Prose { found, .. } => Some(found.speaker.start),
        })
        .collect();
    speakers.sort_unstable();
    people.sort_by_key(|p| std::cmp::Reverse(p.pos));
    // Pronouns and documents in prose: small notes, in document order.
    let cues = prose_cues(lex, vw, classes, &scan.quotes, &speakers, &sentences);
    let mut next_cue = 0;

    let mut infos: Vec<Option<QuoteInfo>> = vec![None; scan.quotes.len()];
    let mut attributions = Vec::new();
    let mut org_notes: Vec<(usize, String, Role)> =
        prose_orgs(lex, view, vw, classes, &scan.quotes, &sentences);
    org_notes.reverse();
    for (pos, ev) in events {
        loop {
            let org = org_notes.last().map(|(p, _, _)| *p).filter(|p| *p < pos);
            let person = people.last().map(|p| p.pos).filter(|p| *p < pos);
            let cue = cues.get(next_cue).map(|c| c.0).filter(|p| *p < pos);
            let Some(next) = [org, person, cue].into_iter().flatten().min() else {
                break;
            };
            if org == Some(next) {
                note_org(&mut resolver, &mut org_notes);
            } else if person == Some(next) {
                if let Some(p) = people.pop() {
                    match p.kind {
                        Note::Alias { start, end } => resolver.note_alias(&p.name, p.pos, || {
                            let role = prose_role(
                                lex,
                                view,
                                vw,
                                classes,
                                &mut alias_sentences,
                                (start, end),
                            );
                            let pronoun =
                                pronoun_after(view, vw, &gendered, &sentences, end - 1, end);
                            (role, pronoun)
                        }),
                        Note::Anonymous => {
                            resolver.note_anonymous(&p.name, &p.roles[0], p.pos, p.role)
                        }
                        Note::Group(determined) => {
                            resolver.note_group(&p.name, &p.roles[0], p.pos, p.role, determined)
                        }
                        Note::Person => resolver.note_person(
                            &p.name,
                            &p.roles,
                            p.gender.as_deref(),
                            p.pos,
                            p.role,
                        ),
                    }
                }
            } else {
                match cues[next_cue].1 {
                    Cue::Pronoun(kind, role) => resolver.note_pronoun(kind, next, role),
                    Cue::Document(head) => resolver.note_document(head, next),
                }
                next_cue += 1;
            }
        }
        match ev {
            Event::Quote {
                q,
                found,
                kind,
                sentence,
            } => {
                let (speaker, cue, cue_span) = match found {
                    Some(f) => {
                        let src = classify(&mut resolver, view, &f, &mut phrase_words);
                        (Some(src), Some(cue_text(view, f.cue)), Some(f.cue))
                    }
                    None => (None, None, None),
                };
                infos[q] = Some(QuoteInfo {
                    quote: scan.quotes[q].clone(),
                    kind,
                    speaker,
                    cue,
                    cue_span,
                    continued: false,
                    sentence,
                });
            }
            Event::Prose { found, sentence } => {
                let source = classify(&mut resolver, view, &found, &mut phrase_words);
                if source.class == SourceClass::Unresolved
                    && source.refers_to.is_none()
                    && !is_pronoun_text(lex, &source.text)
                {
                    continue;
                }
                let span = Span::new(
                    found.cue.start.min(source.span.start),
                    found.cue.end.max(source.span.end),
                );
                attributions.push(AttributionInfo {
                    span,
                    cue: cue_text(view, found.cue),
                    cue_span: found.cue,
                    source,
                    sentence,
                });
            }
        }
    }
    let mut quotes: Vec<QuoteInfo> = infos
        .into_iter()
        .enumerate()
        .map(|(i, q)| {
            q.unwrap_or_else(|| QuoteInfo {
                quote: scan.quotes[i].clone(),
                kind: QuoteKind::Direct,
                speaker: None,
                cue: None,
                cue_span: None,
                continued: false,
                sentence: quote_sentence[i],
            })
        })
        .collect();

    continuations(&doc, &mut quotes);
    block_quote_speakers(&doc, &mut quotes, &attributions, &mut resolver, view);
    previous_paragraph_speakers(&doc, &mut quotes, &attributions, &sentences);
    let layout = crate::layout::layout_with(&doc, Some(vw));
    transcript_speakers(&layout, view, &mut quotes);
    passive_attributions(
        view,
        hot(&lex.passive),
        &sentences,
        &quotes,
        &mut attributions,
    );
    attributions.sort_by_key(|a| a.span.start);

    Analysis {
        mention_spans: resolver.mentions.iter().map(|m| m.span).collect(),
        unbalanced: scan.unbalanced,
        layout,
        doc,
        sentences,
        quotes,
        attributions,
        word_runs,
        hot_hits,
    }
}

fn is_pronoun_text(lex: &Lexicon, t: &str) -> bool {
    lex.is_pronoun(t)
}

/// The cue's words joined by single spaces ("according  to\n" -> "according to").
fn cue_text(view: &str, span: Span) -> String {
    let mut out = String::with_capacity(span.len());
    for w in span.of(view).split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Classify the speaker of `f`; `np` and `app` are buffers for the words of the speaker
/// phrase and its appositive.
fn classify<'v>(
    resolver: &mut Resolver,
    view: &'v str,
    f: &Found,
    (np, app): &mut (Words<'v>, Words<'v>),
) -> Source {
    np.refill(f.speaker.of(view), f.speaker.start);
    let app = f.appositive.map(|a| {
        app.refill(a.of(view), a.start);
        &*app
    });
    resolver.classify(np, app, f.speaker)
}

/// Does the quote at `ti` start a clause of its own (sentence start, after a colon or comma)?
fn quote_starts_clause(view: &str, toks: &[Token], ti: usize, from: usize) -> bool {
    let _ = view;
    ti == from || matches!(toks[ti - 1].tok, Tok::Colon | Tok::Stop)
}

/// The quoted words of `q`, trimmed.
fn inner_text<'a>(view: &'a str, q: &Quote) -> &'a str {
    q.inner.of(view).trim()
}

/// True when the quoted words end a sentence or a clause of speech.
fn ends_sentence(inner: &str) -> bool {
    // (With the full stops of other scripts: the danda of Hindi and the ideographic stop.)
    inner.ends_with(['.', '?', '!', ',', '…', ';', '।', '॥', '。', '？', '！'])
        || inner.ends_with(".'")
        || inner.ends_with(".’")
}

/// True when quoted words read as somebody's speech whoever said them: a first or second
/// person ("I", "we", "you", "my"), a greeting or interjection opening them ("Oh, ...",
/// "Hey ..."), a question or an exclamation.
fn speech_like(inner: &str) -> bool {
    let trimmed = inner.trim_end_matches(['"', '\'', '’', '”', ' ', '.']);
    if trimmed.ends_with(['?', '!']) {
        return true;
    }
    // Only the first words are read: speech shows itself early, and long quotes are rare here.
    let mut words = inner
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .take(24);
    let first = words.next().unwrap_or("");
    // "Oh" and "hey" open speech; "no", "yes", "well" only with their comma ("No, I am").
    let after_first = inner
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .get(first.len()..)
        .unwrap_or("");
    let is = |w: &str, list: &[&str]| list.iter().any(|x| w.eq_ignore_ascii_case(x));
    let interjection = after_first.contains(char::is_whitespace)
        && (is(
            first,
            &["oh", "hey", "wow", "hi", "hello", "okay", "ok", "yeah"],
        ) || is(first, &["yes", "no", "well", "look", "please"])
            && after_first.starts_with([',', '!']));
    interjection
        || std::iter::once(first).chain(words).any(|w| {
            let w = w.trim_end_matches(['\'', '’']);
            let (stem, suffix) = w.find(['\'', '’']).map_or((w, ""), |p| (&w[..p], &w[p..]));
            let contraction = !suffix.is_empty()
                && [
                    "n't", "n’t", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'m", "’m",
                ]
                .iter()
                .any(|c| w.ends_with(c));
            contraction
                || stem.len() <= 4 && is(stem, &["i", "me", "my", "we", "us", "our", "you", "your"])
                || !suffix.is_empty() && stem.eq_ignore_ascii_case("let")
        })
}

/// True when the quote at `toks[ti]` is a term whatever the grammar found for it: a nickname,
/// a title after a cue or a work noun, a name given with "called", a quoted name modifying a
/// noun ("the "Save the pier" photo"), a short title-case name inside the sentence, an entry
/// of a list of short quotes, a quoted phrase standing as the sentence's subject, or a quote
/// joined to a term ("open" or "free").
#[allow(clippy::too_many_arguments)]
fn is_term(
    lex: &Lexicon,
    view: &str,
    q: &Quote,
    toks: &[Token],
    ti: usize,
    from: usize,
    prev_kind: Option<(usize, QuoteKind)>,
    found: Option<&attribution::Found>,
) -> bool {
    let g = attribution::grammar();
    let attributed = found.is_some();
    // Someone, named before the verb, calls a person by the quoted name ("Trump called the
    // pageant winner "Miss Piggy"", "he refers to the governor as "Mr. Trump""), or chants
    // or shouts the quoted words ("protesters chanted "Dump Trump""). Capitals then
    // say nothing of a title: the words are the speaker's. (The person called stands between
    // the verb and the quote, one to five words: "a group called "Ashodaya Samithi"" names a
    // thing, and "calls for an increase in ... to "Buy American"" calls nobody.)
    // (Asked only of a title-case quote, after the cheaper tests.)
    let name_calling = || {
        found.is_some_and(|f| {
            let cue = toks.partition_point(|t| t.span.start < f.cue.start);
            // A chant or a shout right after its verb: "protesters chanted "Dump Trump"".
            let chanted = g.chant_cues.contains(f.cue.of(view))
                && (ti == cue + 1
                    || ti == cue + 2 && matches!(toks[cue + 1].tok, Tok::Comma | Tok::Colon));
            // The verb of calling is the cue or stands between it and the quote: "Clinton cited
            // Trump's past references to Machado as "Miss Piggy"".
            let called = (cue..ti.saturating_sub(1)).any(|c| calls_someone(view, toks, c, ti));
            f.speaker.end <= f.cue.start && (chanted || called)
        })
    };
    let inner = inner_text(view, q);
    // Only small counts matter below (up to 8): stop counting there.
    let words = inner.split_whitespace().take(8).count();
    // Asked only of short quotes below.
    let speech = words <= 4 && speech_like(inner);
    let word_at = |k: usize| {
        toks.get(k)
            .filter(|t| t.tok == Tok::Word)
            .map(|t| t.span.of(view))
    };
    let prev_word = ti.checked_sub(1).and_then(word_at);
    let next_word = word_at(ti + 1);
    // A second quote joined to the first (as "useful" and "constructive") is what the first is.
    if prev_word.is_some_and(|w| g.quote_joiners.contains(w))
        && ti >= 2
        && matches!(toks[ti - 2].tok, Tok::Quote(_))
        && let Some((p, kind)) = prev_kind
        && p == ti - 2
    {
        return kind == QuoteKind::Term;
    }
    // In a sentence set in title case (a headline: "Black Lawmakers Rip Trump As A 'Disgusting
    // Fraud'") every word is capitalised, quoted or not, which then says nothing of a name.
    let headline_case = || attribution::headline_case(view, toks);
    // Nicknames: Jimmy "Boxcar" Doyle. (Not after a possessive, nor with the writer's comma
    // or stop inside the marks: "Remarking upon Clinton's "genuine empathy," Starr said".)
    if prev_word
        .is_some_and(|w| w.starts_with(char::is_uppercase) && !crate::lexicon::is_possessive(w))
        && !inner.trim_end().ends_with([',', '.', ';', ':', '!', '?'])
        && next_word.is_some_and(|w| w.starts_with(char::is_uppercase))
        && words <= 3
        && !headline_case()
    {
        return true;
    }
    // Titles and terms: the film "X", so-called "war room", known as "Y", nicknamed the "Z".
    let before_text = &view[toks
        .get(from)
        .map(|t| t.span.start)
        .unwrap_or(q.span.start)
        .min(q.span.start)..q.span.start];
    // The last 48 characters before the quote, without a determiner right before it.
    let tail = before_text
        .char_indices()
        .rev()
        .nth(47)
        .map_or(before_text, |(i, _)| &before_text[i..]);
    let tail_trim = tail.trim_end();
    let tail_bare = ["the", "a", "an", "The", "A", "An"]
        .iter()
        .find_map(|d| {
            tail_trim
                .strip_suffix(d)
                .filter(|t| t.is_empty() || t.ends_with(char::is_whitespace))
        })
        .map_or(tail_trim, str::trim_end);
    let cue_at_end = |t: &str| {
        lex.term_cues
            .find_all(t)
            .iter()
            .any(|(s, _)| s.end == t.len())
    };
    let term_cue =
        cue_at_end(tail_trim) || tail_bare.len() < tail_trim.len() && cue_at_end(tail_bare);
    let ends = ends_sentence(inner);
    // Title case stops at the first lowercase word, so asking is cheap; asked only when needed.
    let title = || is_title_case(inner) && !headline_case();
    let work_noun = prev_word.is_some_and(|w| lex.work_nouns.contains(w))
        || (ti >= 1
            && toks[ti - 1].tok == Tok::Comma
            && ti >= 2
            && toks[ti - 2].tok == Tok::Word
            && lex.work_nouns.contains(toks[ti - 2].span.of(view)));
    // "She added the words "Hillary Clinton"": words named after the speaker's own verb are
    // what the speaker said.
    // (Asked only after a term cue or of a title-case quote.)
    let said_words = || {
        found.is_some_and(|f| f.speaker.end <= f.cue.start && f.cue.end <= q.span.start) && {
            let t = tail_trim.trim_end_matches([',', ':']);
            lex.said_word_cues
                .find_all(t)
                .iter()
                .any(|(s, _)| s.end == t.len())
        }
    };
    if term_cue && !said_words() || (work_noun && (!ends || title())) {
        return true;
    }
    // A name given with "called" or "named" and no object: "a process called "exfiltration"",
    // "is usually called "celeron55"" (not "Trump called "..."", "called them "...").
    if ti >= 2
        && prev_word.is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "called" | "named"))
        && let Some(w) = word_at(ti - 2)
        && w.starts_with(char::is_lowercase)
        && lexicon_pronoun_free(lex, w)
        && !(lex.anon_heads.contains(w)
            || lex.roles.contains(w)
            || lex.org_generic.contains(w)
            || lex.vague_heads.contains(w))
    {
        return true;
    }
    // What people habitually call something: "they used to call it "forbidden pairing"",
    // "tips, as I like to call them", "what we call the "A"".
    if let Some(c) = (ti.saturating_sub(3)..ti).rev().find(|&k| {
        word_at(k).is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "call" | "calls"))
    }) && (c + 1..ti).all(|k| {
        word_at(k).is_some_and(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "it" | "them" | "this" | "that" | "the" | "a" | "an" | "these" | "those"
            )
        })
    }) && c.checked_sub(1).and_then(word_at).is_some_and(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "i" | "we" | "you" | "they" | "people" | "to" | "sometimes" | "often" | "usually"
        )
    }) {
        return true;
    }
    // A quoted phrase used as a thing: "despite "Jesus being queer" as a poster", "chose
    // "Hands Off" as its slogan".
    if next_word.is_some_and(|w| w.eq_ignore_ascii_case("as"))
        && (ti + 2..(ti + 5).min(toks.len()))
            .take_while(|&k| toks[k].tok == Tok::Word)
            .find(|&k| {
                attribution::classes().of(toks[k].span.of(view))
                    & (WordClasses::DEFINITE | WordClasses::COUNT)
                    == 0
            })
            .is_some_and(|k| g.term_heads.contains(toks[k].span.of(view)))
    {
        return true;
    }
    // "tips, as I like to call them": a name the speaker gives.
    if next_word.is_some_and(|w| w.eq_ignore_ascii_case("as"))
        && (ti + 2..(ti + 6).min(toks.len()))
            .take_while(|&k| toks[k].tok == Tok::Word)
            .any(|k| matches!(toks[k].span.of(view), "call" | "calls"))
    {
        return true;
    }
    // A quoted name or phrase modifying a noun: the "Save the pier" photo, its "Buy Local"
    // campaign, a "you break it, you buy it" policy.
    if next_word.is_some_and(|w| g.term_heads.contains(w))
        && (title()
            || prev_word.is_some_and(|w| {
                attribution::classes().of(w) & (WordClasses::DEFINITE | WordClasses::COUNT) != 0
                    || w.ends_with("'s")
                    || w.ends_with("’s")
            }))
    {
        return true;
    }
    let clause_start = ti == from && (from == 0 || matches!(toks[from - 1].tok, Tok::Quote(_)))
        || ti
            .checked_sub(1)
            .is_some_and(|p| matches!(toks[p].tok, Tok::Colon));
    // A short name in title case inside the writer's sentence: "Each for Equal", "Mr. A".
    if !clause_start
        && words >= 2
        && !inner.ends_with(['?', '!'])
        && title()
        && !sentence_break(inner.trim_end_matches(['.', '!', '?']))
        && !name_calling()
        && !said_words()
    {
        return true;
    }
    // A capitalised word nobody is said to have said: the trademark "CentOS".
    if !clause_start && words == 1 && !attributed && !inner.ends_with(['?', '!']) && title() {
        return true;
    }
    // An entry of a list of three or more short quotes: "life", "liberty", and "happiness";
    // unless a speaker says the list ("Bush said Trump is a "loser," a "liar" and a
    // "whiner"": the entry before it was no term).
    let list_said =
        attributed || prev_kind.is_some_and(|(p, kind)| kind != QuoteKind::Term && p + 3 >= ti);
    if words <= 3 && !speech && !list_said && list_len(toks, ti) >= 3 {
        return true;
    }
    // A quoted phrase as the sentence's subject: ""Law and order" was a common theme".
    if ti == 0 && !attributed && !speech && words <= 4 && !ends && next_word.is_some() {
        return true;
    }
    false
}

/// True when the word `toks[cue]` is a verb of calling ([`Grammar::calling_cues`]) whose
/// object, one to five words, stands between it and the quote `toks[ti]`: someone is called
/// the quoted name ("called the pageant winner "Miss Piggy"", "referred to the governor as
/// "Mr. Trump""); not a thing named ("a group called "..."") nor "calls for ... "..."".
///
/// [`Grammar::calling_cues`]: attribution::Grammar::calling_cues
fn calls_someone(view: &str, toks: &[Token], cue: usize, ti: usize) -> bool {
    let g = attribution::grammar();
    if !((cue + 2..=cue + 6).contains(&ti) && ti < toks.len() && toks[cue].tok == Tok::Word) {
        return false;
    }
    let verb = toks[cue].span.of(view);
    // A describing verb names a person: a name or a pronoun right after it.
    let person = || {
        let w = toks[cue + 1].span.of(view);
        w.starts_with(char::is_uppercase)
            || attribution::classes().of(w) & crate::lexicon::WordClasses::PRONOUN != 0
    };
    (g.calling_cues.contains(verb) || g.describing_cues.contains(verb) && person())
        && toks[cue + 1..ti].iter().all(|t| t.tok == Tok::Word)
        && {
            // ("referred to X as": the person after a particle.)
            let w = toks[cue + 1].span.of(view);
            g.calling_particles.contains(w)
                || !g.phrase_links.contains(w) && !g.phrase_stops.contains(w)
        }
}

/// True when `s` holds a sentence end inside it: ". ", "? ", "! " or "; " after a word of
/// three letters or more (not "Mr. A", "Democracy 2.0").
fn sentence_break(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).any(|i| {
        matches!(b[i], b'.' | b'?' | b'!' | b';')
            && b.get(i + 1) == Some(&b' ')
            && (b[i] != b'.'
                || s[..i]
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .is_some_and(|w| w.chars().count() >= 3))
    })
}

/// True when `w` is no personal pronoun (a noun before "called" names a thing).
fn lexicon_pronoun_free(lex: &Lexicon, w: &str) -> bool {
    !lex.is_pronoun(w) && !matches!(w, "we" | "you" | "i" | "people")
}

/// How many quotes the run of quotes around `toks[ti]` holds, quotes joined by commas and
/// "and", "or", counted up to three (all the caller asks; a long run stays linear).
fn list_len(toks: &[Token], ti: usize) -> usize {
    let joiner = |t: &Token| t.tok == Tok::Comma || t.tok == Tok::Word;
    let mut n = 1;
    // Backward: Quote (Comma|joiner){1,2} Quote ...
    let mut k = ti;
    loop {
        let mut j = k;
        let mut gap = 0;
        while j > 0 && gap < 2 && joiner(&toks[j - 1]) {
            j -= 1;
            gap += 1;
        }
        if n < 3 && gap > 0 && j > 0 && matches!(toks[j - 1].tok, Tok::Quote(_)) {
            n += 1;
            k = j - 1;
        } else {
            break;
        }
    }
    let mut k = ti;
    loop {
        let mut j = k + 1;
        let mut gap = 0;
        while j < toks.len() && gap < 2 && joiner(&toks[j]) {
            j += 1;
            gap += 1;
        }
        if n < 3 && gap > 0 && j < toks.len() && matches!(toks[j].tok, Tok::Quote(_)) {
            n += 1;
            k = j;
        } else {
            break;
        }
    }
    n
}

/// The kind of a quote that is no term: direct (a clause of its own, or whole sentences with
/// their speaker), partial (a fragment in the writer's sentence), or a term after all (a few
/// words nobody said: a scare quote). `weak` marks a speaker taken from the sentence (its
/// subject or an earlier quote's), not from a cue: such a quote is partial.
#[allow(clippy::too_many_arguments)]
fn kind_of(
    lex: &Lexicon,
    view: &str,
    doc: &Document,
    q: &Quote,
    toks: &[Token],
    bits: &[u32],
    ti: usize,
    from: usize,
    found: Option<&attribution::Found>,
    weak: bool,
) -> QuoteKind {
    if q.block_quote {
        return QuoteKind::Direct;
    }
    let attributed = found.is_some();
    let inner = inner_text(view, q);
    // Only small counts matter below (up to 8): stop counting there.
    let words = inner.split_whitespace().take(8).count();
    let ends = ends_sentence(inner);
    let prev = ti.checked_sub(1).map(|p| toks[p]);
    let block_start = doc
        .block_at(q.span.start)
        .map(|b| doc.blocks[b].span.start == q.span.start)
        .unwrap_or(false);
    let clause_start = ti == from && (from == 0 || matches!(toks[from - 1].tok, Tok::Quote(_)))
        || prev.is_some_and(|t| {
            matches!(t.tok, Tok::Colon)
                || t.tok == Tok::Stop && crate::lexicon::is_dash(t.span.of(view))
        });
    let after_comma_cue = prev.is_some_and(|t| t.tok == Tok::Comma)
        && ti >= 2
        && toks[ti - 2].tok == Tok::Word
        && (lex.is_speech_verb(toks[ti - 2].span.of(view))
            || lex.cognitive.contains(toks[ti - 2].span.of(view))
            || toks[ti - 2].span.of(view).eq_ignore_ascii_case("like"));
    // Speech whoever said it: words that read as speech, right after a verb of speech or
    // thought, its comma between or not ("you think "..."?", "Yet another said, "Rubio is in
    // a five-person battle" for second place"), after a quotative "like", reported with no
    // agent. Asked only of quotes with no speaker.
    let speech = || {
        let after_verb = prev.is_some_and(|t| {
            t.tok == Tok::Word && {
                let w = t.span.of(view);
                lex.is_speech_verb(w) || lex.cognitive.contains(w)
            }
        });
        after_verb
            || after_comma_cue
            || speech_like(inner)
            || attribution::after_quotative(view, toks, ti)
            || attribution::reported_without_agent(view, toks, bits, ti)
    };
    // Words that open the sentence and run on into the writer's own ("“Boots on the ground”
    // would be appropriate", "“He can assert it” that Sanders can win", "“…” from police
    // officials, she said"): the quote ends in no punctuation and the next word is neither
    // its speaker nor its cue.
    let runs_on = !ends
        && !inner.trim_end().ends_with(':')
        && !inner.trim_end().ends_with(crate::lexicon::DASHES)
        && toks.get(ti + 1).is_some_and(|t| {
            t.tok == Tok::Word
                && found
                    .is_none_or(|f| f.speaker.start != t.span.start && f.cue.start != t.span.start)
        });
    // The writer's clause, the attribution, then the quote finishing the sentence in lower
    // case ("When the rule takes effect, Dr. Clark added, "it will at least feel ...""): a
    // fragment of the writer's sentence, not a sentence of the speaker's.
    let finishes_writers = after_comma_cue
        && inner
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase)
        && found.is_some_and(|f| {
            toks[from..ti]
                .iter()
                .take_while(|t| t.span.end <= f.speaker.start)
                .all(|t| !matches!(t.tok, Tok::Quote(_)))
                && toks[from..ti]
                    .iter()
                    .filter(|t| t.tok == Tok::Word && t.span.end <= f.speaker.start)
                    .count()
                    >= 2
        });
    if finishes_writers {
        return QuoteKind::Partial;
    }
    if (block_start || clause_start || after_comma_cue) && !weak && !runs_on {
        if !attributed && words <= 4 && !ends && is_title_case(inner) && !speech() {
            return QuoteKind::Term;
        }
        // A paragraph that is nothing but a few quoted words in title case is a subheading
        // quoting the section ("'Legend in the Coal Fields.'"), whatever ends it.
        let whole_block = block_start
            && doc
                .block_at(q.span.start)
                .is_some_and(|b| doc.blocks[b].span.of(view).trim_end().len() == q.span.len());
        if !attributed && whole_block && words <= 6 && is_title_case(inner) && !speech() {
            return QuoteKind::Term;
        }
        return QuoteKind::Direct;
    }
    // The writer's sentence runs on into the quote: a word that is no verb of speech or
    // thought stands right before it, and either the quote opens in lower case ("Trump's
    // comments "are based on …"", "urged people to "remember …"") or that word opens a clause
    // ("said that "It …"", "because "Arab voters …""). Such a quote is a fragment of the
    // writer's clause however long it runs.
    let embedded = ti > from
        && prev.is_some_and(|t| {
            t.tok == Tok::Word
                && bits[ti - 1] & (WordClasses::SPEECH | WordClasses::COGNITIVE) == 0
                && {
                    let w = t.span.of(view);
                    w.eq_ignore_ascii_case("that")
                        || lex.clause_openers.contains(w)
                        || inner
                            .chars()
                            .find(|c| c.is_alphabetic())
                            .is_some_and(char::is_lowercase)
                }
        });
    if attributed {
        if !weak && !embedded && words >= 6 && inner.starts_with(char::is_uppercase) && ends {
            return QuoteKind::Direct;
        }
        return QuoteKind::Partial;
    }
    if words >= 8 && ends {
        return if embedded {
            QuoteKind::Partial
        } else {
            QuoteKind::Direct
        };
    }
    if speech() {
        return QuoteKind::Partial;
    }
    // A few words in the writer's sentence with nobody saying them: a scare quote or a term.
    QuoteKind::Term
}

/// True when `t`, the second token after an attribution's cue ("Ortiz said he ...", "Ortiz
/// said that ..."), opens a clause the attribution reports: a capitalised word, "that", or a
/// pronoun that can be a subject. The attribution is then a new statement, not the speaker of
/// the quote before it.
fn opens_reported_clause(view: &str, t: Option<&Token>) -> bool {
    t.is_some_and(|n| {
        let w = n.span.of(view);
        n.tok == Tok::Word
            && (w.starts_with(char::is_uppercase)
                || w.eq_ignore_ascii_case("that")
                || attribution::classes().of(w) & WordClasses::PRONOUN != 0
                || attribution::grammar().speaking_pronouns.contains(w))
    })
}

fn is_title_case(s: &str) -> bool {
    let mut any = false;
    s.split_whitespace().enumerate().all(|(i, w)| {
        any = true;
        attribution::title_case_word(w.trim_start_matches(|c: char| !c.is_alphanumeric()), i == 0)
    }) && any
}

/// Carry speakers over to quotes with none: split quotes, partials joined by "and", and
/// quote paragraphs that follow a quote of the same speaker.
#[inline(never)]
fn continuations(doc: &Document, quotes: &mut [QuoteInfo]) {
    for i in 0..quotes.len() {
        if quotes[i].speaker.is_some() || quotes[i].kind == QuoteKind::Term {
            continue;
        }
        let block = quotes[i].quote.first_block;
        // The latest earlier quote with a speaker in the same paragraph.
        let same_para = (0..i)
            .rev()
            .take_while(|&j| quotes[j].quote.last_block == block)
            .take(64)
            .find(|&j| quotes[j].speaker.is_some() && quotes[j].kind != QuoteKind::Term);
        let prev_para =
            if same_para.is_none() && block > 0 && quote_opens_block(doc, &quotes[i].quote) {
                (0..i)
                    .rev()
                    .take_while(|&j| quotes[j].quote.last_block + 1 >= block)
                    .take(64)
                    .find(|&j| {
                        quotes[j].quote.last_block + 1 == block
                            && quotes[j].speaker.is_some()
                            && quotes[j].kind != QuoteKind::Term
                    })
            } else {
                None
            };
        if let Some(j) = same_para.or(prev_para) {
            let mut s = quotes[j].speaker.clone();
            if let Some(s) = &mut s
                && s.refers_to.is_none()
                && prev_para.is_some()
            {
                s.refers_to = Some(s.text.clone());
            }
            quotes[i].speaker = s;
            quotes[i].cue = quotes[j].cue.clone();
            quotes[i].continued = true;
            if quotes[i].kind == QuoteKind::Partial
                && quotes[j].kind == QuoteKind::Direct
                && quote_opens_block(doc, &quotes[i].quote)
            {
                quotes[i].kind = QuoteKind::Direct;
            }
        }
    }
}

/// Quotes inside transcript turns: inside an answer, a quote with no speaker, or whose speaker
/// is "I", "we" or "you", or was found outside the turn, is the interviewee's; one the answer
/// gives to somebody else ("my mother said") keeps that speaker. Inside a question, "you" (or
/// nobody) is the one person who answers, if the transcript has one. A longer unattributed
/// fragment inside an answer is the interviewee's partial quote, not a term.
fn transcript_speakers(layout: &Layout, view: &str, quotes: &mut [QuoteInfo]) {
    if layout.turns.is_empty() {
        return;
    }
    let mut answerers: Vec<&str> = layout
        .turns
        .iter()
        .filter(|t| t.role == TurnRole::Answer)
        .map(|t| t.speaker.as_str())
        .collect();
    answerers.sort_unstable();
    answerers.dedup();
    let answerer = layout
        .turns
        .iter()
        .find(|t| t.role == TurnRole::Answer && answerers.len() == 1);
    for q in quotes.iter_mut() {
        let Some(turn) = layout.turn_at(q.quote.span.start) else {
            continue;
        };
        let own_speaker = |q: &QuoteInfo| match &q.speaker {
            None => true,
            Some(s) => crate::layout::speaks_as_interviewee(&s.text) || !turn.span.contains(s.span),
        };
        let who = match turn.role {
            TurnRole::Answer => Some(turn),
            TurnRole::Question => answerer,
        };
        let Some(who) = who else { continue };
        if !own_speaker(q) {
            // "I told my mom ..., and she's like "...": in an answer, "she" or "he" is
            // somebody the interviewee talks about, never the interviewee.
            if turn.role == TurnRole::Answer
                && let Some(s) = q.speaker.as_mut()
                && s.refers_to.as_deref().is_none_or(|r| r == who.speaker)
                && let Some(np) = person_before(view, turn.span.start, s.span.start, &s.text)
            {
                s.refers_to = Some(np.to_owned());
                s.class = SourceClass::Anonymous;
            }
            continue;
        }
        if q.kind == QuoteKind::Term {
            let inner = q.quote.inner.of(view);
            if turn.role != TurnRole::Answer
                || inner.split_whitespace().take(4).count() < 4
                || is_title_case(inner.trim())
            {
                continue;
            }
            q.kind = QuoteKind::Partial;
        }
        let label = who.label.of(view);
        let named = who.speaker != label || label.chars().any(char::is_lowercase);
        q.speaker = Some(Source {
            text: label.to_owned(),
            span: who.label,
            class: if named {
                SourceClass::NamedPerson
            } else {
                SourceClass::Unresolved
            },
            refers_to: (who.speaker != label).then(|| who.speaker.clone()),
            mention: None,
        });
        q.cue = None;
        q.cue_span = None;
        q.continued = false;
    }
}

/// For the pronoun `pronoun` ("she", "he") at view offset `at`: the nearest person the words
/// from `from` name by a common noun of the same gender after a determiner or possessive ("my
/// mom", "another girl", "her father"), as written.
fn person_before<'v>(view: &'v str, from: usize, at: usize, pronoun: &str) -> Option<&'v str> {
    let lex = lexicon();
    let words = match pronoun.to_lowercase().as_str() {
        "she" => &lex.female_words,
        "he" => &lex.male_words,
        _ => return None,
    };
    let text = view.get(from..at)?;
    let in_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let mut spans: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (in_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    let determiners = [
        "my", "your", "his", "her", "our", "their", "another", "a", "an", "the", "one",
    ];
    (0..spans.len()).rev().take(120).find_map(|k| {
        let (end_at, noun) = spans[k];
        if !words.contains(noun) || lex.male.contains(noun) || lex.female.contains(noun) {
            return None;
        }
        // The determiner right before the noun, or one adjective back.
        let d = (k.saturating_sub(2)..k)
            .rev()
            .find(|&d| determiners.contains(&spans[d].1.to_lowercase().as_str()))?;
        let start = spans[d].0;
        Some(&text[start..end_at + noun.len()])
    })
}

/// The newsroom convention for a quote paragraph with no cue: it belongs to the speaker of the
/// paragraph before when that paragraph paraphrases one person ("Ortiz says the rules were
/// never enforced." then "\"Nobody checked.\""). When the paragraph before names several
/// speakers, or none, the quote keeps no speaker. (Quotes continuing an earlier quote of the
/// same speaker are [`continuations`]' business.)
#[inline(never)]
fn previous_paragraph_speakers(
    doc: &Document,
    quotes: &mut [QuoteInfo],
    attributions: &[AttributionInfo],
    sentences: &[Span],
) {
    // Claims by start, so each quote looks only at those of the paragraph or sentence before.
    let mut by_start: Vec<&AttributionInfo> = attributions.iter().collect();
    by_start.sort_by_key(|a| a.span.start);
    for i in 0..quotes.len() {
        let q = &quotes[i];
        if q.speaker.is_some() || q.kind == QuoteKind::Term {
            continue;
        }
        // The paragraph before, for a quote opening its paragraph; the sentence before, in the
        // same paragraph, for a quote opening its sentence ("Zapata said it took endurance.
        // \"It's an isometric exercise.\"").
        let (prev, prev_span) = if quote_opens_block(doc, &q.quote) {
            let Some(prev) = q.quote.first_block.checked_sub(1) else {
                continue;
            };
            (prev, doc.blocks[prev].span)
        } else {
            let opens_sentence = sentences
                .get(q.sentence)
                .is_some_and(|s| s.start == q.quote.span.start);
            let block = doc.blocks.get(q.quote.first_block).map(|b| b.span);
            match (opens_sentence, q.sentence.checked_sub(1), block) {
                (true, Some(p), Some(b)) if b.contains(sentences[p]) => {
                    (q.quote.first_block, sentences[p])
                }
                _ => continue,
            }
        };
        // Everyone the paragraph before quotes or paraphrases, by the entity they name.
        let mut who: Vec<&Source> = Vec::new();
        let from_quotes = quotes[..i]
            .iter()
            .rev()
            .take_while(|p| p.quote.last_block >= prev)
            .take(64)
            .filter(|p| p.kind != QuoteKind::Term && p.quote.span.end > prev_span.start)
            .filter(|p| p.quote.span.start < prev_span.end)
            .filter_map(|p| p.speaker.as_ref());
        let first = by_start.partition_point(|a| a.span.start < prev_span.start);
        let from_claims = by_start[first..]
            .iter()
            .take_while(|a| a.span.start < prev_span.end)
            .filter(|a| prev_span.contains(a.span) && a.source.class != SourceClass::Passive)
            // One person or body: a weasel group ("critics say") or an unresolved pronoun
            // does not carry over to the next paragraph's quote.
            .filter(|a| !matches!(a.source.class, SourceClass::Vague | SourceClass::Unresolved))
            .map(|a| &a.source);
        for s in from_quotes.chain(from_claims) {
            let key = |s: &Source| s.refers_to.clone().unwrap_or_else(|| s.text.clone());
            if !who.iter().any(|w| key(w).eq_ignore_ascii_case(&key(s))) {
                who.push(s);
            }
        }
        let [one] = who.as_slice() else { continue };
        let mut s = (*one).clone();
        if s.refers_to.is_none() {
            s.refers_to = Some(s.text.clone());
        }
        quotes[i].speaker = Some(s);
        quotes[i].continued = true;
    }
}

fn quote_opens_block(doc: &Document, q: &Quote) -> bool {
    doc.blocks
        .get(q.first_block)
        .is_some_and(|b| b.span.start == q.span.start)
}

/// A block quote introduced by "X said in a statement:" takes X as its speaker.
#[inline(never)]
fn block_quote_speakers(
    doc: &Document,
    quotes: &mut [QuoteInfo],
    attributions: &[AttributionInfo],
    resolver: &mut Resolver,
    view: &str,
) {
    let _ = (resolver, view);
    for q in quotes.iter_mut() {
        if q.speaker.is_some() {
            continue;
        }
        let intro_block = match q.quote.first_block.checked_sub(1) {
            Some(b) => b,
            None => continue,
        };
        let b = doc.blocks[intro_block];
        let ends_colon = b.span.of(view).trim_end().ends_with(':');
        let is_bq =
            q.quote.block_quote || doc.blocks[q.quote.first_block].kind == BlockKind::BlockQuote;
        if !(ends_colon && (is_bq || quote_opens_block(doc, &q.quote))) {
            continue;
        }
        if let Some(a) = attributions.iter().rev().find(|a| b.span.contains(a.span)) {
            q.speaker = Some(a.source.clone());
            q.cue = Some(a.cue.clone());
            q.cue_span = Some(a.cue_span);
            q.kind = QuoteKind::Direct;
        }
    }
}

/// Agentless attributions in prose (reportedly, it is believed) as attributions of class passive.
#[inline(never)]
fn passive_attributions(
    view: &str,
    passive: &[(Span, usize)],
    sentences: &[Span],
    quotes: &[QuoteInfo],
    out: &mut Vec<AttributionInfo>,
) {
    // Line ends inside a paragraph are spaces to the phrase matcher ("widely\nbelieved").
    for &(span, _) in passive {
        let i = quotes.partition_point(|q| q.quote.span.end <= span.start);
        let inside = quotes
            .get(i)
            .is_some_and(|q| q.quote.span.contains_offset(span.start));
        if inside {
            continue;
        }
        let sentence = sentences.partition_point(|s| s.end <= span.start);
        let text = cue_text(view, span);
        out.push(AttributionInfo {
            span,
            cue: text.clone(),
            cue_span: span,
            source: Source {
                text,
                span,
                class: SourceClass::Passive,
                refers_to: None,
                mention: None,
            },
            sentence,
        });
    }
}

/// Organisation names in prose, for "the company" and "it" later, with their role.
#[inline(never)]
fn prose_orgs(
    lex: &Lexicon,
    view: &str,
    w: &[(&str, Span)],
    classes: &[u32],
    quotes: &[Quote],
    sentences: &[Span],
) -> Vec<(usize, String, Role)> {
    let cap = |k: usize| classes[k] & WordClasses::CAPITALISED != 0;
    let mut out = Vec::new();
    let mut at_sentence = SentenceCursor::new(sentences);
    let mut inside = QuoteCursor::new(quotes);
    let mut i = 0;
    while i < w.len() {
        if !cap(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < w.len()
            && (cap(i) || classes[i] & WordClasses::NAME_JOINER != 0)
            && (i == start || w[i].1.start - w[i - 1].1.end <= 1)
        {
            i += 1;
        }
        let mut end = i;
        while end > start && !cap(end - 1) {
            end -= 1;
        }
        if end == start {
            i = i.max(start + 1);
            continue;
        }
        let names = &w[start..end];
        let text = joined(view, names, |x| x);
        let is_org =
            names.iter().any(|n| lex.org_suffixes.contains(n.0)) || lex.org_names.contains(&text);
        let pos = w[start].1.start;
        if is_org && !inside.inside(pos) {
            let role = prose_role(lex, view, w, classes, &mut at_sentence, (start, end));
            out.push((pos, text.into_owned(), role));
        }
        i = i.max(start + 1);
    }
    out
}

/// The words `w` (each through `f`) joined by single spaces: borrowed from `view` when that
/// is what the view has there, built only otherwise (a line break or a dash between words).
fn joined<'a>(
    view: &'a str,
    w: &[(&'a str, Span)],
    f: impl Fn(&'a str) -> &'a str,
) -> Cow<'a, str> {
    let (Some(first), Some(last)) = (w.first(), w.last()) else {
        return Cow::Borrowed("");
    };
    if w.len() == 1 {
        // One word: the view has it as it is (the word is the view's text at its span).
        return Cow::Borrowed(f(first.0));
    }
    let mut as_is = f(first.0).len() == first.0.len();
    let bytes = view.as_bytes();
    for p in w.windows(2) {
        if !as_is {
            break;
        }
        as_is = f(p[1].0).len() == p[1].0.len()
            && p[1].1.start == p[0].1.end + 1
            && bytes[p[0].1.end] == b' ';
    }
    if as_is {
        Cow::Borrowed(&view[first.1.start..last.1.end])
    } else {
        Cow::Owned(w.iter().map(|x| f(x.0)).collect::<Vec<_>>().join(" "))
    }
}

/// The class bits of each of a sentence's tokens (0 for non-words): read from the view's
/// word scan (`words`, `classes`) where a token is the same word, looked up otherwise; into
/// `out`, cleared first.
fn token_classes_into(
    view: &str,
    toks: &[Token],
    words: &[(&str, Span)],
    classes: &[u32],
    out: &mut Vec<u32>,
) {
    out.clear();
    let mut k = toks
        .first()
        .map_or(0, |t| words.partition_point(|w| w.1.start < t.span.start));
    out.extend(toks.iter().map(|t| {
        if t.tok != Tok::Word {
            return 0;
        }
        while words.get(k).is_some_and(|w| w.1.start < t.span.start) {
            k += 1;
        }
        match words.get(k) {
            Some(w) if w.1 == t.span => classes[k],
            _ => attribution::token_class(t.span.of(view)),
        }
    }));
}

/// `word` without a possessive ending ('s, ’s), as `trim_end_matches` would remove them.
fn trim_possessive(word: &str) -> &str {
    let mut w = word;
    while let Some(x) = w.strip_suffix("'s") {
        w = x;
    }
    while let Some(x) = w.strip_suffix("’s") {
        w = x;
    }
    w
}

/// `word` lowercase, borrowed when it already is.
fn lowercase(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Whether offsets lie inside one of `quotes` (sorted, non-overlapping), for offsets that
/// mostly come in increasing order: the search moves forward from where the last one ended,
/// and starts over when an offset goes back.
struct QuoteCursor<'q> {
    quotes: &'q [Quote],
    /// The first quote not wholly before the last offset asked.
    i: usize,
}

impl<'q> QuoteCursor<'q> {
    fn new(quotes: &'q [Quote]) -> Self {
        QuoteCursor { quotes, i: 0 }
    }

    /// True when `pos` lies inside one of the quotes.
    fn inside(&mut self, pos: usize) -> bool {
        let q = self.quotes;
        if self.i > 0 && q[self.i - 1].span.end > pos {
            self.i = q.partition_point(|q| q.span.end <= pos);
        } else {
            while q.get(self.i).is_some_and(|q| q.span.end <= pos) {
                self.i += 1;
            }
        }
        q.get(self.i).is_some_and(|q| q.span.contains_offset(pos))
    }
}

fn note_org(resolver: &mut Resolver, notes: &mut Vec<(usize, String, Role)>) {
    if let Some((p, name, role)) = notes.pop() {
        resolver.note_organization(&name, p, role);
    }
}

/// A quotation mark (straight or curly, single or double).
fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '‘' | '’' | '\'')
}

/// True when the gap of quote marks before word `k` closes a quote (a mark right after the
/// word before: `“Boxcar” Lindell`), false when it opens one (`Earl “Boxcar`).
fn quote_gap_closes(view: &str, w: &[(&str, Span)], k: usize) -> bool {
    view[w[k - 1].1.end..].starts_with(is_quote_mark)
}

/// What a [`ProsePerson`] note tells the resolver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Note {
    /// A person named in full.
    Person,
    /// A one-word re-mention of someone already known: the word `w[end - 1]` of the
    /// capitalised run `w[start..end]`. Its role and the pronoun after it are worked out only
    /// if the resolver knows the word (most capitalised words are no one's name).
    Alias { start: usize, end: usize },
    /// An unnamed source described by role.
    Anonymous,
    /// A group of people ("the researchers", "your fellow teammates"), for a later "they";
    /// `true` when a determiner opens it (a definite group may be one met before).
    Group(bool),
}

/// A small note of the writer's prose for the resolver, at a view offset.
#[derive(Clone, Copy, Debug)]
enum Cue<'a> {
    /// A pronoun ("he", "her", "They") in its role.
    Pronoun(Pronoun, Role),
    /// A document put out by the subject ("released a statement", "wrote on Twitter"): its
    /// head noun.
    Document(&'a str),
}

/// A person named in the writer's prose (or a pronoun standing for one).
struct ProsePerson<'a> {
    pos: usize,
    name: Cow<'a, str>,
    roles: Vec<String>,
    gender: Option<Cow<'a, str>>,
    /// What it is.
    kind: Note,
    /// Its role in its clause.
    role: Role,
}

/// The role in its clause of the phrase of words `w[start..end]`: the subject when it opens
/// its sentence or follows a comma or a word that opens a clause ("while Trump flew over"),
/// oblique after a preposition, a possessor with 's, an object otherwise.
fn prose_role(
    lex: &Lexicon,
    view: &str,
    w: &[(&str, Span)],
    classes: &[u32],
    sentences: &mut SentenceCursor<'_>,
    (start, end): (usize, usize),
) -> Role {
    let sentence_start = sentences.start_of(w[start].1.start);
    // The phrase starts before lowercase role words and determiners: "the rapper Kanye West".
    let mut np = start;
    while np > 0
        && start - np < 4
        && w[np - 1].1.start >= sentence_start
        && classes[np - 1] & WordClasses::CAPITALISED == 0
        && classes[np - 1] & (WordClasses::ROLE | WordClasses::ANON_HEAD | WordClasses::DEFINITE)
            != 0
    {
        np -= 1;
    }
    let at = w[np].1.start;
    let before = view[sentence_start..at]
        .trim_end_matches(|c: char| c.is_whitespace() || "\"“‘'«(".contains(c));
    let prev = np
        .checked_sub(1)
        .filter(|&k| w[k].1.start >= sentence_start);
    let opens = before.is_empty()
        || before.ends_with([',', ';', ':'])
        || before.ends_with(crate::lexicon::DASHES)
        || prev.is_some_and(|k| classes[k] & attribution::CLAUSE_OPENER != 0);
    let after_preposition = prev
        .is_some_and(|k| classes[k] & (WordClasses::PHRASE_LINK | WordClasses::PHRASE_STOP) != 0);
    let last = w[end - 1];
    // A name before a role noun modifies it, as a possessor does: "Trump adviser Michael
    // Flynn", "the Biden campaign".
    let modifier = w.get(end).is_some_and(|n| {
        n.1.start == last.1.end + 1
            && classes[end] & WordClasses::CAPITALISED == 0
            && (classes[end] & (WordClasses::ROLE | WordClasses::ANON_HEAD) != 0
                || lex.org_generic.contains(n.0))
    });
    let possessive = modifier
        || last.0.ends_with("'s")
        || last.0.ends_with("’s")
        || view[last.1.end..].starts_with("'s")
        || view[last.1.end..].starts_with("’s");
    Role::from_context(opens, after_preposition, possessive)
}

/// The start of the sentence holding a view offset, for offsets that mostly come in
/// increasing order (as [`QuoteCursor`] does for quotes).
struct SentenceCursor<'s> {
    sentences: &'s [Span],
    /// The first sentence not wholly before the last offset asked.
    i: usize,
}

impl<'s> SentenceCursor<'s> {
    fn new(sentences: &'s [Span]) -> Self {
        SentenceCursor { sentences, i: 0 }
    }

    /// The start of the sentence holding `pos` (or `pos` itself, outside every sentence).
    fn start_of(&mut self, pos: usize) -> usize {
        let s = self.sentences;
        if self.i > 0 && s[self.i - 1].end > pos {
            self.i = s.partition_point(|x| x.end <= pos);
        } else {
            while s.get(self.i).is_some_and(|x| x.end <= pos) {
                self.i += 1;
            }
        }
        s.get(self.i).map_or(pos, |x| x.start.min(pos))
    }
}

/// Small notes of the writer's prose for the resolver, outside quotes, in one pass:
/// - gendered pronouns (he, his, she, her) and "They" opening a sentence, other than those
///   that are a speaker (`speakers`: view offsets where a speaker phrase starts, sorted): each
///   mentions its antecedent again, so salience follows a chain of pronouns;
/// - documents put out: a document noun after "a" or a possessive ("issued a statement", "in
///   their letter"), or a platform after "on" ("wrote on Twitter"); their author is the subject
///   of the sentence ("They released a statement. ... the statement said").
#[inline(never)]
fn prose_cues<'a>(
    lex: &'a Lexicon,
    w: &[(&'a str, Span)],
    classes: &[u32],
    quotes: &[Quote],
    speakers: &[usize],
    sentences: &[Span],
) -> Vec<(usize, Cue<'a>)> {
    let mut out = Vec::new();
    let mut inside = QuoteCursor::new(quotes);
    let gendered = WordClasses::MALE | WordClasses::FEMALE;
    let before_document = WordClasses::COUNT | WordClasses::PRONOUN;
    for (k, &(word, span)) in w.iter().enumerate() {
        let c = classes[k];
        let cap = c & WordClasses::CAPITALISED != 0;
        let prev = k.checked_sub(1).map_or(0, |p| classes[p]);
        let cue = if c & gendered != 0 {
            let role = match word.len() {
                // he, she
                2 | 3 if !word.eq_ignore_ascii_case("his") && !word.eq_ignore_ascii_case("her") => {
                    Role::Subject
                }
                3 | 4 => Role::Possessive,
                _ => Role::Object,
            };
            let kind = if c & WordClasses::MALE != 0 {
                Pronoun::Male
            } else {
                Pronoun::Female
            };
            Cue::Pronoun(kind, role)
        } else if c & WordClasses::PRONOUN != 0
            && word == "They"
            && sentences
                .get(sentences.partition_point(|s| s.end <= span.start))
                .is_some_and(|s| s.start == span.start)
        {
            Cue::Pronoun(Pronoun::Plural, Role::Subject)
        } else if prev & before_document != 0
            && !cap
            && word.len() >= 3
            && matches!(
                w[k - 1].0,
                "a" | "an" | "its" | "their" | "his" | "her" | "our" | "new"
            )
            && c & attribution::DOCUMENT != 0
        {
            Cue::Document(word)
        } else if cap
            && k > 0
            && w[k - 1].0 == "on"
            && let Some(h) = lex.platforms.get(word)
        {
            Cue::Document(h.as_str())
        } else {
            continue;
        };
        if inside.inside(span.start)
            || matches!(cue, Cue::Pronoun(..)) && speakers.binary_search(&span.start).is_ok()
        {
            continue;
        }
        out.push((span.start, cue));
    }
    out
}

/// Unnamed sources described in prose: "a union official at the mine", "two people briefed on".
#[inline(never)]
fn prose_anonymous<'a>(
    lex: &Lexicon,
    view: &'a str,
    w: &[(&'a str, Span)],
    classes: &[u32],
    quotes: &[Quote],
    sentences: &[Span],
) -> Vec<ProsePerson<'a>> {
    let mut out = Vec::new();
    let mut at_sentence = SentenceCursor::new(sentences);
    let mut inside = QuoteCursor::new(quotes);
    // Find the head nouns first (one lookup per word), then look back for the count that
    // opens the phrase: "a [senior Treasury] official", "two people".
    for j in 1..w.len() {
        let head = w[j].0;
        if classes[j] & WordClasses::ANON_HEAD == 0 || classes[j] & WordClasses::CAPITALISED != 0 {
            continue;
        }
        let Some(i) = (j.saturating_sub(5)..j)
            .rev()
            .find(|&i| classes[i] & WordClasses::COUNT != 0)
        else {
            continue;
        };
        let stops = WordClasses::SPEECH | WordClasses::PHRASE_LINK | WordClasses::PHRASE_STOP;
        // A partitive reads through its "of": "one of the victims", "two of the officers".
        let partitive = w
            .get(i + 1)
            .is_some_and(|(n, _)| n.eq_ignore_ascii_case("of"));
        let first = if partitive { i + 2 } else { i + 1 };
        if (first..j).any(|k| classes[k] & (stops | WordClasses::QUOTE_JOINER) != 0)
            || inside.inside(w[i].1.start)
        {
            continue;
        }
        // The description runs on through a linking phrase or a relative clause ("a source at
        // Northvale", "an engineer who worked on the assistant"), up to punctuation, a speech
        // verb or eight more words.
        let mut end = j;
        let continues = w.get(j + 1).is_some_and(|(n, _)| {
            classes[j + 1] & (WordClasses::PHRASE_LINK | WordClasses::RELATIVE) != 0
                || n.eq_ignore_ascii_case("in")
        });
        if continues {
            let mut k = j + 1;
            while k < w.len()
                && k <= j + 8
                && !view[w[k - 1].1.end..w[k].1.start].contains(|c: char| ",.;:!?\"“”".contains(c))
                && classes[k] & WordClasses::SPEECH == 0
            {
                end = k;
                k += 1;
            }
        }
        out.push(ProsePerson {
            pos: w[i].1.start,
            name: Cow::Borrowed(&view[w[i].1.start..w[end].1.end]),
            roles: vec![head.to_lowercase()],
            gender: None,
            kind: Note::Anonymous,
            role: prose_role(lex, view, w, classes, &mut at_sentence, (i, j + 1)),
        });
    }
    out
}

/// Groups of people the writer mentions as a subject or an object ("The researchers found",
/// "How do your fellow teammates describe you", "if the people writing the laws had"): a
/// plural head of people ([`Lexicon::group_plurals`]) after a determiner and up to two
/// modifiers, or bare where it opens a clause, so that a later "they" can mean the group
/// rather than an organisation named before. Groups with a count before an anonymous head
/// ("two officials") are [`prose_anonymous`]'s.
#[inline(never)]
fn prose_groups<'a>(
    lex: &Lexicon,
    view: &'a str,
    w: &[(&'a str, Span)],
    classes: &[u32],
    quotes: &[Quote],
    sentences: &[Span],
) -> Vec<ProsePerson<'a>> {
    let mut out = Vec::new();
    let mut at_sentence = SentenceCursor::new(sentences);
    let mut inside = QuoteCursor::new(quotes);
    let stops = WordClasses::SPEECH
        | WordClasses::COGNITIVE
        | WordClasses::PHRASE_LINK
        | WordClasses::PHRASE_STOP
        | WordClasses::PRONOUN
        | WordClasses::RELATIVE
        | WordClasses::QUOTE_JOINER;
    let determiner = |k: usize| {
        classes[k] & (WordClasses::DEFINITE | WordClasses::COUNT) != 0
            || lex.group_determiners.contains(w[k].0)
    };
    // Words k and k + 1 stand in one phrase: only spaces between them.
    let joined = |k: usize| {
        view[w[k].1.end..w[k + 1].1.start]
            .chars()
            .all(char::is_whitespace)
    };
    for j in 0..w.len() {
        // The plural head of a group of people (`Lexicon::group_plurals`, a class bit).
        if classes[j] & attribution::GROUP_HEAD == 0 {
            continue;
        }
        let head = w[j].0;
        let mut start = j;
        let mut determined = false;
        while start > 0 && j - start < 3 && joined(start - 1) {
            let k = start - 1;
            let word = w[k].0;
            if determiner(k) {
                start = k;
                determined = true;
                // "your fellow teammates", "all the people".
                if k > 0 && joined(k - 1) && determiner(k - 1) {
                    start = k - 1;
                }
                break;
            }
            if classes[k] & stops != 0
                || word.ends_with("ed")
                || word.ends_with("ing")
                || word.ends_with("ly")
            {
                break;
            }
            start = k;
        }
        // A bare plural is the head alone: the words before it are no determiner's ("I saw
        // people praying", "5000 people").
        if !determined {
            start = j;
        }
        // A capitalised head or modifier opening the phrase is a name's ("Doctors Without
        // Borders") unless it opens the sentence ("Researchers found").
        let sentence_start = at_sentence.start_of(w[start].1.start);
        let opens_sentence = w[start].1.start == sentence_start;
        if (start..=j).any(|k| {
            classes[k] & WordClasses::CAPITALISED != 0
                && !(k == start && opens_sentence)
                && (k == j || lex.group_heads.contains(w[k].0))
        }) || inside.inside(w[start].1.start)
        {
            continue;
        }
        let counted = (start..j).any(|k| classes[k] & WordClasses::COUNT != 0);
        if counted && classes[j] & WordClasses::ANON_HEAD != 0 {
            continue;
        }
        // The next word does not go on the phrase as a noun ("the players union").
        if w.get(j + 1).is_some_and(|n| {
            joined(j)
                && (classes[j + 1] & attribution::GROUP_HEAD != 0 || lex.org_generic.contains(n.0))
        }) {
            continue;
        }
        let role = prose_role(lex, view, w, classes, &mut at_sentence, (start, j + 1));
        if !matches!(role, Role::Subject | Role::Object) || !determined && role != Role::Subject {
            continue;
        }
        // A reduced relative or a linking phrase goes on the description ("the people writing
        // the laws", "researchers from the institute"): up to three words more, not across
        // punctuation or a speech verb.
        let mut end = j;
        let goes_on = w.get(j + 1).is_some_and(|(n, _)| {
            joined(j) && (n.ends_with("ing") || classes[j + 1] & WordClasses::PHRASE_LINK != 0)
        });
        if goes_on {
            let mut k = j + 1;
            while k < w.len()
                && k <= j + 3
                && (k == j + 1 || joined(k - 1))
                && (k == j + 1
                    || classes[k] & (stops | WordClasses::CAPITALISED) == 0
                    || classes[k] & WordClasses::DEFINITE != 0)
            {
                end = k;
                k += 1;
            }
            // (Not ending on an article or a preposition: "researchers from the Georgia
            // Institute" is "researchers".)
            let open = WordClasses::DEFINITE | WordClasses::COUNT | WordClasses::PHRASE_LINK;
            while end > j && classes[end] & open != 0 {
                end -= 1;
            }
            if end == j + 1 && classes[end] & WordClasses::PHRASE_LINK != 0 {
                end = j;
            }
        }
        out.push(ProsePerson {
            pos: w[start].1.start,
            name: Cow::Borrowed(&view[w[start].1.start..w[end].1.end]),
            roles: vec![head.to_lowercase()],
            gender: None,
            kind: Note::Group(determined),
            role,
        });
    }
    out
}

/// Named people introduced in prose ("Maria Ortega, the port director,", "his daughter, Renee
/// Lindell-Price"), with the role words around the name and the first pronoun after it, so a
/// later "Ortega said", "she said" or "his daughter said" resolves.
#[inline(never)]
fn prose_people<'a>(
    lex: &Lexicon,
    view: &'a str,
    w: &[(&'a str, Span)],
    classes: &[u32],
    gendered: &[usize],
    quotes: &[Quote],
    sentences: &[Span],
) -> Vec<ProsePerson<'a>> {
    // (About one word in twelve starts a capitalised run.)
    let mut out = Vec::with_capacity(w.len() / 12 + 4);
    let mut i = 0;
    let cap = |k: usize| classes[k] & WordClasses::CAPITALISED != 0;
    let mut at_sentence = SentenceCursor::new(sentences);
    let mut inside = QuoteCursor::new(quotes);
    while i < w.len() {
        if !cap(i) {
            i += 1;
            continue;
        }
        let start = i;
        // ("I" is no part of a name: "So I", "Girls I".)
        let is_i = |k: usize| w[k].0 == "I" || w[k].0.starts_with("I'") || w[k].0.starts_with("I’");
        // A nickname in quotes runs on with the name: Earl “Boxcar” Lindell.
        let quote_gap = |k: usize| {
            let gap = &view[w[k - 1].1.end..w[k].1.start];
            gap.len() <= 8
                && gap.contains(is_quote_mark)
                && gap.chars().all(|c| c == ' ' || is_quote_mark(c))
        };
        while i < w.len()
            && (cap(i) || classes[i] & WordClasses::NAME_PARTICLE != 0)
            && (i == start || w[i].1.start - w[i - 1].1.end <= 1 || quote_gap(i))
            && !(is_i(i) && (i > start || w[i].0.len() <= 4))
        {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        let mut s = start;
        let mut roles: Vec<String> = Vec::new();
        let skip = WordClasses::DEFINITE
            | WordClasses::COUNT
            | WordClasses::PHRASE_STOP
            | WordClasses::PRONOUN;
        while s < i {
            // (A title that a nickname follows is a first name: Dean ‘Tank’ Morrow.)
            if lex.titles.contains(w[s].0) && !(s + 1 < i && quote_gap(s + 1)) {
                roles.push(w[s].0.to_lowercase());
                s += 1;
            } else if classes[s] & skip != 0 || lex.not_names.contains(w[s].0) {
                s += 1;
            } else {
                break;
            }
        }
        let mut end = i;
        // A run that ends in a quote ("Earl “Boxcar”") ends before it.
        while end > s + 1 && quote_gap(end - 1) && !quote_gap_closes(view, w, end - 1) {
            end -= 1;
        }
        // The name follows the last title or organisation word of the run: "Budget Committee
        // Chairwoman Lorna Petrakis", "House Speaker Nancy Pelosi".
        if let Some(k) = (s + 1..end.saturating_sub(1)).rev().find(|&k| {
            (lex.titles.contains(w[k].0) && !quote_gap(k + 1)) || lex.org_suffixes.contains(w[k].0)
        }) {
            if lex.titles.contains(w[k].0) {
                // The title's other capitalised words are its roles too, so that "the Prime
                // Minister" can tell "Prime Minister X" from "Deputy Prime Minister Y".
                roles.extend(
                    (s..k)
                        .filter(|&m| cap(m) && classes[m] & skip == 0)
                        .map(|m| w[m].0.to_lowercase()),
                );
                roles.push(w[k].0.to_lowercase());
            }
            s = k + 1;
        }
        // A capitalised phrase after "the" names a place, a body or a work, not a person
        // ("at the Blue Lantern"), unless a title stands in it ("the Rev. Ana Ruiz").
        if roles.is_empty()
            && start > 0
            && classes[start - 1] & WordClasses::DEFINITE != 0
            && !cap(start - 1)
        {
            i = i.max(start + 1);
            continue;
        }
        // A title, "of" and a place before the name: "President of Argentina Alberto
        // Fernández".
        let title_of = start >= 2
            && classes[start - 1] & WordClasses::PHRASE_LINK != 0
            && lex.titles.contains(w[start - 2].0);
        if title_of {
            roles.push(w[start - 2].0.to_lowercase());
            if end - s >= 3 && lex.places.contains(w[s].0) {
                s += 1;
            } else if first_names().get(w[s].0).is_none()
                && let Some(k) = (s + 1..end - 1).find(|&k| first_names().get(w[k].0).is_some())
            {
                // The portfolio before the name: "Minister of Economy Richard Sulík",
                // "Secretary of Homeland Security Kirstjen Nielsen".
                s = k;
            }
        }
        // The words of the name, a nickname in quotes left out ("Earl Lindell").
        let nickname = (s + 1..end).any(quote_gap);
        // A single capitalised word is kept only as a re-mention ("Brandt, 33, had been out"),
        // which moves an already known person forward for pronouns; it never creates one.
        let alias = end - s == 1;
        if end == s
            || w[s..end].iter().any(|x| lex.org_suffixes.contains(x.0))
            || inside.inside(w[s].1.start)
        {
            i = i.max(start + 1);
            continue;
        }
        let name = if nickname {
            let mut quoted = false;
            let mut out = String::new();
            for k in s..end {
                if k > s && quote_gap(k) {
                    quoted = !quote_gap_closes(view, w, k);
                }
                if !quoted {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(trim_possessive(w[k].0));
                }
            }
            Cow::Owned(out)
        } else {
            joined(view, &w[s..end], trim_possessive)
        };
        if lex.org_names.contains(&name) {
            continue;
        }
        if alias {
            out.push(ProsePerson {
                pos: w[s].1.start,
                name,
                roles: Vec::new(),
                gender: None,
                kind: Note::Alias { start, end },
                role: Role::Object, // (unused: worked out when the resolver knows the word)
            });
            i = i.max(start + 1);
            continue;
        }
        // Role words just before the name ("his daughter, Renee ...") and in an appositive after it.
        // (Not across a preposition: "the Commissioner for Human Rights".)
        for k in (start.saturating_sub(3)..start).rev() {
            if classes[k] & (WordClasses::PHRASE_LINK | WordClasses::PHRASE_STOP) != 0 {
                break;
            }
            if classes[k] & (WordClasses::ROLE | WordClasses::ANON_HEAD) != 0 {
                roles.push(w[k].0.to_lowercase());
            }
        }
        let after = &view[w[end - 1].1.end..];
        if let Some(rest) = after.strip_prefix(", ") {
            // The appositive runs to the next , . or ; within 80 bytes.
            let window = &rest.as_bytes()[..rest.len().min(80)];
            let mut app_end = memchr::memchr3(b',', b'.', b';', window).unwrap_or(window.len());
            while !rest.is_char_boundary(app_end) {
                app_end -= 1;
            }
            // Class bits come from the view's word scan where a word is the same span, as
            // `token_classes_into` reads them; looked up otherwise.
            let mut k = end;
            for x in rest[..app_end].split_whitespace() {
                let t = x.trim_matches(|c: char| !c.is_alphanumeric());
                let t_start = t.as_ptr() as usize - view.as_ptr() as usize;
                while w.get(k).is_some_and(|v| v.1.start < t_start) {
                    k += 1;
                }
                let bits = match w.get(k) {
                    Some(v) if v.1 == Span::new(t_start, t_start + t.len()) => classes[k],
                    _ => attribution::classes().of(t),
                };
                if bits & (WordClasses::ROLE | WordClasses::ANON_HEAD) != 0
                    || lex.titles.contains(x)
                {
                    roles.push(t.to_lowercase());
                }
            }
        }
        let gender = pronoun_after(view, w, gendered, sentences, s, end);
        let role = prose_role(lex, view, w, classes, &mut at_sentence, (start, end));
        // Any other two-word name counts too, unless a preposition puts it in a place phrase
        // ("in San Marco", "from Port Alder") and it does not start with a first name ("by
        // Gunnar Holt").
        let placed = role == Role::Oblique && first_names().get(w[s].0).is_none();
        if !roles.is_empty() || role == Role::Subject || !placed {
            out.push(ProsePerson {
                pos: w[s].1.start,
                name,
                roles,
                gender,
                kind: Note::Person,
                role,
            });
        }
        i = i.max(start + 1);
    }
    out
}

/// The first gendered pronoun (`gendered`: word indices) after the name `w[s..end]`, within
/// its sentence and the next, lowercase.
fn pronoun_after<'a>(
    view: &str,
    w: &[(&'a str, Span)],
    gendered: &[usize],
    sentences: &[Span],
    s: usize,
    end: usize,
) -> Option<Cow<'a, str>> {
    let si = sentences.partition_point(|x| x.end <= w[s].1.start);
    let limit = sentences
        .get(si + 1)
        .or(sentences.get(si))
        .map(|x| x.end)
        .unwrap_or(view.len());
    let g = gendered.partition_point(|&k| k < end);
    gendered
        .get(g)
        .map(|&k| &w[k])
        .filter(|x| x.1.start < limit)
        .map(|x| lowercase(x.0))
}

/// Split the view into sentences: . ! ? followed by space and a capital, digit or opening mark,
/// not after an abbreviation or an initial, never inside a quote; a quote ending in . ! ? ends
/// the sentence when a new one follows it.
#[inline(never)]
fn split_sentences(lex: &Lexicon, doc: &Document, qs: &[Quote]) -> Vec<Span> {
    let view = doc.text.as_str();
    let bytes = view.as_bytes();
    let mut out = Vec::new();
    let mut qi = 0;
    for b in &doc.blocks {
        let mut start = b.span.start;
        let mut i = b.span.start;
        while i < b.span.end {
            // Skip over quotes wholly, checking their last character.
            while qi < qs.len() && qs[qi].span.end <= i {
                qi += 1;
            }
            if let Some(q) = qs.get(qi)
                && q.span.start <= i
                && i < q.span.end
            {
                if q.span.end > b.span.end {
                    // A multi-paragraph quote: split at the paragraph end.
                    break;
                }
                let inner = q.inner.of(view).trim_end();
                let ends = inner.ends_with(['.', '!', '?']);
                i = q.span.end;
                if ends && next_starts_sentence(view, i, b.span.end) {
                    out.push(Span::new(start, i));
                    start = skip_ws(view, i, b.span.end);
                }
                continue;
            }
            // Jump to the next sentence mark before the next quote (or the block's end).
            let limit = qs
                .get(qi)
                .map_or(b.span.end, |q| q.span.start.clamp(i, b.span.end));
            match memchr::memchr3(b'.', b'!', b'?', &bytes[i..limit]) {
                Some(off) => i += off,
                None => {
                    i = limit;
                    continue;
                }
            }
            let c = bytes[i];
            if matches!(c, b'.' | b'!' | b'?') {
                let mut j = i + 1;
                while j < b.span.end && matches!(bytes[j], b')' | b']' | b'.' | b'!' | b'?') {
                    j += 1;
                }
                if next_starts_sentence(view, j, b.span.end)
                    && !(c == b'.' && abbreviation_before(lex, view, start, i))
                {
                    out.push(Span::new(start, j));
                    start = skip_ws(view, j, b.span.end);
                    i = start;
                    continue;
                }
            }
            i += 1;
        }
        if start < b.span.end {
            out.push(Span::new(start, b.span.end));
        }
    }
    out
}

fn skip_ws(view: &str, mut i: usize, end: usize) -> usize {
    while i < end && view.as_bytes()[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

fn next_starts_sentence(view: &str, i: usize, end: usize) -> bool {
    let rest = &view[i..end];
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() && !rest.is_empty() {
        return false;
    }
    match trimmed.chars().next() {
        None => false,
        Some(c) => c.is_uppercase() || c.is_ascii_digit() || "\"“‘'«„(".contains(c),
    }
}

fn abbreviation_before(lex: &Lexicon, view: &str, start: usize, dot: usize) -> bool {
    let word_start = view[start..dot]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map(|(p, c)| start + p + c.len_utf8())
        .unwrap_or(start);
    let w = &view[word_start..=dot];
    let _ = lex;
    if lex.abbreviations.contains(w) || lex.titles.contains(w) {
        // "in the U.S. The next day" is rare next to "the U.S. Senate"; keep the sentence whole.
        return true;
    }
    // Initials: J. Smith.
    let core = &view[word_start..dot];
    core.chars().count() == 1 && core.starts_with(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_skip_abbreviations_and_quotes() {
        let a = Analysis::new(
            "Lt. Gen. Ana Ruiz of the U.K. spoke Feb. 3. \"We are done. Go home,\" she said. Then Prof. Li left.".into(),
            Format::Text,
        );
        let s: Vec<&str> = a.sentences.iter().map(|s| s.of(&a.doc.text)).collect();
        assert_eq!(
            s,
            [
                "Lt. Gen. Ana Ruiz of the U.K. spoke Feb. 3.",
                "\"We are done. Go home,\" she said.",
                "Then Prof. Li left."
            ]
        );
    }

    #[test]
    fn passive_phrase_across_a_line_wrap() {
        let a = Analysis::new(
            "It is widely\nbelieved that the plant will close.".into(),
            Format::Text,
        );
        assert!(
            a.attributions
                .iter()
                .any(|at| at.source.class == SourceClass::Passive
                    && at.source.text.ends_with("widely believed"))
        );
    }

    #[test]
    fn multi_paragraph_quote_takes_the_attribution_after_its_close() {
        let a = Analysis::new(
            "\"Nobody should read anything into it.\n\n\"Mail ballots came in late,\" said Ruth Obi, the clerk.".into(),
            Format::Text,
        );
        assert_eq!(a.quotes.len(), 1);
        let s = a.quotes[0].speaker.as_ref().expect("speaker");
        assert_eq!(s.text, "Ruth Obi");
        assert_eq!(s.class, SourceClass::NamedPerson);
    }

    #[test]
    fn attribution_as_the_next_short_sentence() {
        let a = Analysis::new(
            "\"The American people deserve the truth.\" Pelosi said. The House must act.".into(),
            Format::Text,
        );
        let s = a.quotes[0].speaker.as_ref().expect("speaker");
        assert_eq!(s.text, "Pelosi");
        // The cue is the quote's: no separate prose attribution for it.
        assert!(a.attributions.is_empty());
    }
}
