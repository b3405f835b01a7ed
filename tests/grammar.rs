//! The attribution grammar on sentences shaped like real news copy (written for these tests):
//! which quotes are speech, who said them, and which quoted words are terms. Every case is
//! checked and all failures are listed at once.

use attrib::analysis::Analysis;
use attrib::input::Format;
use attrib::quotes::QuoteKind;

/// What a quote holding `key` must come out as.
enum Want {
    /// Speech (direct or partial) whose speaker's words are exactly these.
    Said(&'static str),
    /// Speech whose speaker's words or earlier full mention contain these.
    SaidBy(&'static str),
    /// A partial quote whose speaker's words are exactly these.
    Partial(&'static str),
    /// Speech with no speaker in its own sentence.
    Speech,
    /// Speech whose speaker is not these words (or nobody).
    NotBy(&'static str),
    /// Speech with no speaker at all.
    NoSpeaker,
    /// Not speech.
    Term,
    /// A partial quote, whoever said it.
    Fragment,
    /// A direct quote, whoever said it.
    Whole,
}

fn check(cases: &[(&str, &str, Want)]) {
    let mut failures = Vec::new();
    for (text, key, want) in cases {
        let a = Analysis::new((*text).to_owned(), Format::Text);
        let Some(q) = a
            .quotes
            .iter()
            .find(|q| q.quote.inner.of(&a.doc.text).contains(key))
        else {
            failures.push(format!("no quote holding {key:?} in {text:?}"));
            continue;
        };
        let speaker = q.speaker.as_ref().map(|s| s.text.as_str());
        let refers = q.speaker.as_ref().and_then(|s| s.refers_to.as_deref());
        let speech = matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial);
        let ok = match want {
            Want::Said(s) => speech && speaker == Some(*s),
            Want::SaidBy(s) => {
                speech
                    && (speaker.is_some_and(|t| t.contains(s))
                        || refers.is_some_and(|t| t.contains(s)))
            }
            Want::Partial(s) => q.kind == QuoteKind::Partial && speaker == Some(*s),
            Want::Speech => speech,
            Want::NotBy(s) => speaker.is_none_or(|t| !t.contains(s)),
            Want::NoSpeaker => speaker.is_none(),
            Want::Term => q.kind == QuoteKind::Term,
            Want::Fragment => q.kind == QuoteKind::Partial,
            Want::Whole => q.kind == QuoteKind::Direct,
        };
        if !ok {
            failures.push(format!(
                "{key:?}: got {:?} speaker {speaker:?} (refers_to {refers:?}) cue {:?}\n    in {text:?}",
                q.kind, q.cue
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n  {}",
        failures.len(),
        cases.len(),
        failures.join("\n  ")
    );
}

#[test]
fn cues_the_lexicon_must_know() {
    use Want::*;
    check(&[
        // One-word cues of quotes in PolNeAR's annotations (train and dev) the lexicon lacked.
        (
            "\"Your plan is a good one,\" Mayor Ruiz assured the council on Monday.",
            "good one",
            SaidBy("Ruiz"),
        ),
        (
            "\"It is time we had a new mayor,\" exhorted the campaign's chair, Lena Ortiz.",
            "new mayor",
            SaidBy("Lena Ortiz"),
        ),
        (
            "Dock workers walked out on Monday, mocking the board's offer as \"pocket change.\"",
            "pocket change",
            Said("Dock workers"),
        ),
        (
            "The audit took a year. \"The budget is balanced at last,\" the report concludes.",
            "balanced at last",
            Said("the report"),
        ),
        (
            "Mayor Ana Ruiz concluded: \"We will rebuild the bridge before winter.\"",
            "rebuild the bridge",
            SaidBy("Ana Ruiz"),
        ),
        (
            "\"It is a fair deal for the growers,\" Ruiz remarks.",
            "fair deal",
            Said("Ruiz"),
        ),
        (
            "Union steward Dana Kowalski echoed that view: \"Nobody told us anything.\"",
            "Nobody told us",
            SaidBy("Dana Kowalski"),
        ),
        (
            "\"The river has never been this low in August,\" Ortiz pointed out.",
            "never been this low",
            Said("Ortiz"),
        ),
        (
            "Ortiz points out that the river \"has never been this low.\"",
            "never been this low",
            Said("Ortiz"),
        ),
        (
            "\"I was only a drummer then,\" he recalled.",
            "only a drummer",
            Said("he"),
        ),
        (
            "Baker Lena Ortiz was quoted as saying \"the line is out the door every morning.\"",
            "line is out the door",
            SaidBy("Lena Ortiz"),
        ),
        (
            "Senator Maria Okonkwo reacted on Twitter: \"This is a dark day for the state.\"",
            "dark day",
            SaidBy("Maria Okonkwo"),
        ),
        (
            "Coach Emeka Okafor posted a photo of the bus and wrote \"Back on the road tomorrow.\"",
            "Back on the road",
            SaidBy("Emeka Okafor"),
        ),
        (
            "Okafor tweeted that the refereeing was \"a disgrace to the sport.\"",
            "disgrace",
            Said("Okafor"),
        ),
        (
            "The club issued a statement on Friday. The statement read: \"We are deeply saddened by the loss of our captain.\"",
            "deeply saddened",
            Said("The statement"),
        ),
        (
            "\"We are deeply saddened by the loss of our captain,\" the statement read.",
            "deeply saddened",
            Said("the statement"),
        ),
        (
            "The club posted a notice at the gate. It read: \"Closed until further notice.\"",
            "Closed until",
            Said("It"),
        ),
        (
            "Article 5 of the charter states: \"No member shall be expelled without a hearing.\"",
            "No member shall",
            SaidBy("Article 5"),
        ),
        (
            "The law states that a landlord \"must return the deposit within thirty days.\"",
            "return the deposit",
            Said("The law"),
        ),
        (
            "The new ordinance states that vendors \"may not operate after midnight.\"",
            "operate after midnight",
            Said("The new ordinance"),
        ),
    ]);
}

#[test]
fn questions_and_colons() {
    use Want::*;
    check(&[
        (
            "\"Is it safe to go back?\" Okafor asked.",
            "safe to go back",
            Said("Okafor"),
        ),
        (
            "\"Who pays for the repairs?\" asked Lena Ortiz, who runs a bakery on the square.",
            "Who pays",
            Said("Lena Ortiz"),
        ),
        (
            "\"Do you think I will back down?\" Okafor asked the councillors at a packed town hall meeting late last month.",
            "back down",
            Said("Okafor"),
        ),
        (
            "\"Why now?\" The question hung over the chamber for most of the afternoon session on Friday.",
            "Why now",
            NoSpeaker,
        ),
        (
            "\"You are a disgrace! And your paper is a rag!\" the note says.",
            "paper is a rag",
            Said("the note"),
        ),
        (
            "\"Is this the end of the line?\" Okafor asked. \"We have waited ten years.\" Councillor Brandt said she would vote against the plan when it came back to the chamber.",
            "waited ten years",
            SaidBy("Okafor"),
        ),
        (
            "Ruiz told the press on Monday after the vote: \"We are not done with this.\"",
            "not done",
            Said("Ruiz"),
        ),
        (
            "Councillor Ruiz was blunter: \"This plan is dead.\"",
            "plan is dead",
            SaidBy("Ruiz"),
        ),
        (
            "Former coach Dana Kowalski, speaking via Twitter: \"I am proud of every one of them.\"",
            "proud of every",
            SaidBy("Dana Kowalski"),
        ),
        (
            "How the papers saw the result.\n\nDana Kowalski, The Harbour Tribune: \"The council failed the town.\"\n\nLena Ortiz, Valley Courier: \"A fair result, narrowly won.\"",
            "council failed",
            Said("Dana Kowalski"),
        ),
        (
            "How the papers saw the result.\n\nDana Kowalski, The Harbour Tribune: \"The council failed the town.\"\n\nLena Ortiz, Valley Courier: \"A fair result, narrowly won.\"",
            "fair result",
            Said("Lena Ortiz"),
        ),
        (
            "Ruiz told Politico that the plan \"has no future in this state.\"",
            "no future",
            Said("Ruiz"),
        ),
        (
            "The Courier quoted Tomas Lindqvist, a former harbour master, as saying \"the pier was never safe.\"",
            "never safe",
            SaidBy("Tomas Lindqvist"),
        ),
        (
            "According to The Harbour Tribune, Okafor called the referees \"cowards\" after the match.",
            "cowards",
            Partial("Okafor"),
        ),
        (
            "The Tribune reported that during the trip, Okafor skipped the dinner and referred to the hosts as \"amateurs.\"",
            "amateurs",
            SaidBy("Okafor"),
        ),
        (
            "'We will rebuild': Mayor Ana Ruiz speaks after the flood\n\nThe water has gone down.",
            "We will rebuild",
            SaidBy("Ana Ruiz"),
        ),
    ]);
}

#[test]
fn speaker_phrases_real_writers_build() {
    use Want::*;
    check(&[
        // US party tags after a lawmaker's name, in parentheses or between commas (AP style).
        (
            "\"We cannot stop the hearing now,\" Rep. Dana Holt (R-Fla.) said. \"It goes on.\"",
            "cannot stop",
            SaidBy("Dana Holt"),
        ),
        (
            "\"The vote is close,\" Sen. Ray Quill, R-Ky., said on Tuesday.",
            "vote is close",
            SaidBy("Ray Quill"),
        ),
        // A full sentence after "that" is still the writer's reported clause: partial.
        (
            "A spokesman for the firm said that \"The company did not, at any time, treat the server differently.\"",
            "at any time",
            Partial("A spokesman for the firm"),
        ),
        // Vox pops signed after a dash (em dash or horizontal bar), one per line.
        (
            "\u{201c}The rent went up again.\u{201d} \u{2015} Lena Ortiz\n\u{201c}The buses are late.\u{201d} \u{2015} Tom Reyes\n",
            "rent went up",
            Said("Lena Ortiz"),
        ),
        (
            "\u{201c}The rent went up again.\u{201d} \u{2015} Lena Ortiz\n\u{201c}The buses are late.\u{201d} \u{2015} Tom Reyes\n",
            "buses are late",
            Said("Tom Reyes"),
        ),
        (
            "Nikki Ward of the Coast Guard's Search and Rescue Unit (SRU) said, \"Nobody should be on the water tonight.\"",
            "Nobody should",
            SaidBy("Nikki Ward"),
        ),
        (
            "A person briefed on the talks said the deal \"is close but not done.\"",
            "close but not done",
            Said("A person briefed on the talks"),
        ),
        (
            "\"We will keep the library open,\" said University of Westland, Easton's chancellor, Priya Raman.",
            "library open",
            Said("Priya Raman"),
        ),
        (
            "\"Nobody asked us,\" said steel worker Dana Kowalski.",
            "Nobody asked",
            Said("Dana Kowalski"),
        ),
        (
            "\"The stripes confuse the flies,\" said study co-author and research fellow Martin Hale.",
            "stripes confuse",
            Said("Martin Hale"),
        ),
        (
            "A Republican assemblywoman, Jill Tolles, said the bill \"goes too far.\"",
            "goes too far",
            Said("Jill Tolles"),
        ),
        (
            "One of the maintainers of the project, Sergei Markov, wrote: \"We would like to thank everyone.\"",
            "thank everyone",
            Said("Sergei Markov"),
        ),
        (
            "\"I am not going anywhere,\" said Ruiz, who took office in May.",
            "not going anywhere",
            Said("Ruiz"),
        ),
        (
            "The government statement, which was posted on Twitter, announced the closure \"with great regret.\"",
            "great regret",
            Said("The government statement"),
        ),
        (
            "The players objected to the tactic, which Ross has referred to as \"gamesmanship.\"",
            "gamesmanship",
            Said("Ross"),
        ),
        (
            "Having reviewed the footage, the inspector said the crash \"was avoidable.\"",
            "was avoidable",
            Said("the inspector"),
        ),
        (
            "Having won the title twice, Ortiz decided to retire, saying the sport \"was not fun anymore.\"",
            "not fun anymore",
            Said("Ortiz"),
        ),
        (
            "First, Ruiz said the council \"has lost its way.\"",
            "lost its way",
            Said("Ruiz"),
        ),
        (
            "Six of the claims were, according to the agreed facts read in court, \"false in every detail.\"",
            "false in every detail",
            SaidBy("agreed facts"),
        ),
        (
            "Tomas Lindqvist, head of the harbour authority said the pier was \"never safe.\"",
            "never safe",
            SaidBy("Tomas Lindqvist"),
        ),
        (
            "During the debate Ruiz claimed, \"The plan will not cost a cent.\"",
            "not cost a cent",
            Said("Ruiz"),
        ),
        (
            "The Department of Health and Human Services declared the outbreak a \"public health emergency\" in March.",
            "public health emergency",
            Said("The Department of Health and Human Services"),
        ),
        (
            "The Commission on Presidential Debates said moderators would have \"additional tools\" next time.",
            "additional tools",
            Said("The Commission on Presidential Debates"),
        ),
        (
            "The Biden campaign said the claims were \"absurd.\"",
            "absurd",
            Said("The Biden campaign"),
        ),
        (
            "The general secretary of the union, Mick Ross, said the measure was \"nowhere near enough.\"",
            "nowhere near",
            Said("Mick Ross"),
        ),
        (
            "Ross claimed the crisis shows the state is a \"failed state.\"",
            "failed state",
            Said("Ross"),
        ),
        (
            "Fifty former officials signed a letter saying the report \"has all the marks of a hoax.\"",
            "marks of a hoax",
            SaidBy("a letter"),
        ),
    ]);
}

#[test]
fn terms_are_not_speech_and_short_speech_is() {
    use Want::*;
    check(&[
        (
            "The attackers used a process called \"exfiltration\" to copy the files.",
            "exfiltration",
            Term,
        ),
        (
            "The band is best known for the song \"Harbour Lights\" and the film \"Night Ferry.\"",
            "Harbour Lights",
            Term,
        ),
        (
            "The band is best known for the song \"Harbour Lights\" and the film \"Night Ferry.\"",
            "Night Ferry",
            Term,
        ),
        (
            "The festival offered \"Knot Tying\", \"Sea Shanties\", and \"Net Mending.\"",
            "Sea Shanties",
            Term,
        ),
        (
            "Protesters carried a sign reading \"Hands Off Our Harbour\" past the town hall.",
            "Hands Off",
            Term,
        ),
        (
            "She posted the \"Save the pier\" photo on Monday and it spread quickly.",
            "Save the pier",
            Term,
        ),
        (
            "The campaign introduced a plan called \"Build the Coast\" in June.",
            "Build the Coast",
            Term,
        ),
        (
            "The crowd chanted \"four more years\" as the mayor walked in.",
            "four more years",
            Speech,
        ),
        (
            "Ruiz called them \"losers\" in a speech on Tuesday.",
            "losers",
            Partial("Ruiz"),
        ),
        (
            "Dean Erwin Chemerinsky described it as \"a truly silly argument.\"",
            "truly silly",
            Partial("Dean Erwin Chemerinsky"),
        ),
        (
            "Ruiz referred to the hecklers as \"chumps.\"",
            "chumps",
            Partial("Ruiz"),
        ),
        (
            "Okafor lauded his predecessor as a \"steady hand in hard times.\"",
            "steady hand",
            Partial("Okafor"),
        ),
        (
            "The union accused the board of \"hiding the numbers.\"",
            "hiding the numbers",
            Partial("The union"),
        ),
        (
            "Ruiz attacked the \"secret deals\" made before the vote.",
            "secret deals",
            Partial("Ruiz"),
        ),
        (
            "The web browser caches \"temporary\" files while it runs.",
            "temporary",
            Term,
        ),
        (
            "The word \"harbour\" comes from Old English.",
            "harbour",
            Term,
        ),
        (
            "He said Ruiz was \"tired\" and \"angry\" after the vote.",
            "angry",
            Partial("He"),
        ),
        (
            "The system is not technically \"open\" or \"free.\"",
            "free",
            Term,
        ),
    ]);
}

/// A transcript printed inside quotation marks, a paragraph per turn: each turn is its
/// labelled speaker's quote, and a paragraph with no label goes on the turn before it.
#[test]
fn quoted_transcript_turns_have_their_speakers() {
    use Want::*;
    let text = "The exchange on the Sunday program went as follows:\n\n\"HOST: Will the mayor \
                attend the hearing tomorrow?\n\n\"OKAFOR: The mayor will not be attending. She \
                has a prior commitment in the capital.\n\n\"But the truth is that the budget is \
                late, and everyone knows it.\n\n\"HOST: Thank you for joining us.\"\n\nThe \
                program aired at noon.";
    check(&[
        (text, "Will the mayor", Said("HOST")),
        (text, "will not be attending", Said("OKAFOR")),
        (text, "budget is late", SaidBy("OKAFOR")),
        (text, "Thank you", Said("HOST")),
    ]);
}

#[test]
fn sentences_around_a_quote_share_its_speaker() {
    use Want::*;
    check(&[
        (
            "Prosecutor Ana Ruiz said the victims were \"easy to manipulate\" and had been used \"to satisfy the men's demands\".",
            "to satisfy",
            SaidBy("Ana Ruiz"),
        ),
        (
            "\"Justice takes time,\" she said, asking the family to be \"patient and strong.\"",
            "patient and strong",
            SaidBy("she"),
        ),
        (
            "Saying \"there are too many accidents on this road\", Mayor Ruiz announced a new limit.",
            "too many accidents",
            SaidBy("Ruiz"),
        ),
        (
            "Professor Ana Ruiz asked whether the town was in the state and then declared \"that settles it.\"",
            "that settles it",
            SaidBy("Ana Ruiz"),
        ),
        (
            "Beaming at the rally, the senator praised his adopted home state and then roared, \"Nobody builds bridges like Ohio.\"",
            "Nobody builds bridges",
            SaidBy("senator"),
        ),
        (
            "Rivera thanked the nanny state and then said \"my taxes paid for every swing in that park.\"",
            "my taxes paid",
            SaidBy("Rivera"),
        ),
        (
            "His aides claim \"the speech is not finished\" yet.",
            "speech is not finished",
            Said("His aides"),
        ),
        (
            "Traffic \"ground to a halt\" — as the court's decision put it — for four days.",
            "ground to a halt",
            SaidBy("the court's decision"),
        ),
        (
            "Ortiz was in a competitive program at nineteen, and looked at the role as a \"chance to face my fears.\"",
            "chance to face",
            SaidBy("Ortiz"),
        ),
        (
            "The workers were like, \"Why are we still here?\" and then they left.",
            "Why are we",
            Speech,
        ),
        (
            "When I left, my mother was like \"you need to call more often.\"",
            "call more often",
            Speech,
        ),
    ]);
}

#[test]
fn names_around_their_descriptions() {
    use Want::*;
    check(&[
        (
            "Marta Solis, of the Valley Courier, one of the mayor's fiercest critics, stated, \"The audit proves nothing.\"",
            "audit proves",
            Said("Marta Solis"),
        ),
        (
            "The survey was led by Tomas Reyes, a marine biologist and professor at the institute, who said \"the reef is recovering.\"",
            "reef is recovering",
            Said("Tomas Reyes"),
        ),
        (
            "Erwin Halvorsen, Dean of the Westland Law School called it \"a truly silly argument.\"",
            "silly argument",
            Said("Erwin Halvorsen"),
        ),
        (
            "One of the study's authors, herpetologist Ana Beltran, told the magazine the pattern in unrelated frogs suggested a deep cause: \"These frogs are reusing old machinery.\"",
            "reusing old machinery",
            Said("Ana Beltran"),
        ),
        (
            "\"We are not leaving,\" Day said in her memoir.",
            "not leaving",
            Said("Day"),
        ),
        (
            "\"The rules changed overnight.\"  — Priya Raman, harbour master",
            "rules changed",
            Said("Priya Raman"),
        ),
        (
            "The club's official statement yesterday read \"We are heartbroken.\"",
            "heartbroken",
            Said("The club's official statement"),
        ),
        (
            "Gov. Helen Marchetti on Tuesday vetoed the bill, calling the measure \"a mistake made with good intentions\" that would stall building.",
            "mistake made",
            Said("Gov. Helen Marchetti"),
        ),
        (
            "The Port Authority, which indicated on Monday a \"significant development\" was near, declined to say more.",
            "significant development",
            Said("The Port Authority"),
        ),
    ]);
}

#[test]
fn thoughts_passives_and_writers_clauses() {
    use Want::*;
    check(&[
        (
            "Then I thought: \"Why should I do this for free?\"",
            "Why should I",
            Said("I"),
        ),
        (
            "\"How will they ever pay it back\", the lenders used to think.",
            "pay it back",
            Said("the lenders"),
        ),
        (
            "The mayor was said to be \"furious\" after the vote.",
            "furious",
            Speech,
        ),
        (
            "The mayor was said to be \"furious\" after the vote.",
            "furious",
            Want::NoSpeaker,
        ),
        (
            "Halloran said it was odd he was described as \"a closet centrist who hides behind the polls\" in one editorial and a radical in another.",
            "closet centrist",
            Said("one editorial"),
        ),
        (
            "The councillor was described as \"a bulldozer with no brakes at all\" by the mayor's own chief of staff last year.",
            "bulldozer with no brakes",
            SaidBy("chief of staff"),
        ),
        (
            "The bridge was called \"unsafe\" in 2019 and closed.",
            "unsafe",
            Want::NoSpeaker,
        ),
        (
            "Ruiz was treated for \"minor injuries\", and was released on Friday.",
            "minor injuries",
            Want::NotBy("was"),
        ),
        (
            "When Ruiz tweeted that the vote was rigged, the platform placed a label \"disputed\" under the post.",
            "disputed",
            Want::NotBy("Ruiz"),
        ),
        (
            "It's too easy for officials to say \"we did our best\" and move on.",
            "we did our best",
            Said("officials"),
        ),
        (
            "Zebra stripes may 'dazzle' biting flies, say scientists",
            "dazzle",
            Said("scientists"),
        ),
        // A cue word that "of" follows is a noun: its modifiers are no speaker.
        (
            "Casting himself as the prosecutor, the mayor roused the crowd to spontaneous chants of \"Close the plant!\"",
            "Close the plant",
            NotBy("spontaneous"),
        ),
        (
            "A mix of farmers and students joined in a thunderous chant of \"Save the valley!\" Their voices drowned out the sirens.",
            "Save the valley",
            NotBy("thunderous"),
        ),
        // "state of" is a noun; a modal after "said X" makes X a reported clause's subject.
        (
            "The speaker lamented the \"disheartened\" state of the party and criticized the \"identity politics\" on display.",
            "identity politics",
            NotBy("of the party"),
        ),
        (
            "Ms. Alder, citing \"the unique mood of the voters,\" said the candidate could be competitive in Ohio.",
            "unique mood",
            NotBy("the candidate"),
        ),
        // A pronoun with a contracted auxiliary is the subject: "He's claiming", "We've argued".
        (
            "He's claiming that voting fraud is \"a big, big problem in this country\" but \"nobody has the guts to talk about it.\"",
            "nobody has the guts",
            Said("He"),
        ),
        (
            "We've argued for years that the law is \"a disgrace to the city.\"",
            "a disgrace",
            Said("We"),
        ),
        (
            "They're saying the vote was \"rigged from the start.\"",
            "rigged",
            Said("They"),
        ),
        (
            "I told my mom I have anxiety, and she's like \"you need to pray more\".",
            "pray more",
            Said("she"),
        ),
        // Two subjects joined by "and" share the participle's clause.
        (
            "The mayor and his aides attacked the council, saying that \"the budget is a fantasy.\"",
            "the budget is a fantasy",
            Said("The mayor and his aides"),
        ),
        // A subheading quoting the section: a paragraph of a few title-case words in quotes.
        (
            "The plan drew praise in the state capital.\n\n'Legend in the Coal Fields.'\n\nIts author grew up in a mining town.",
            "Legend in the",
            Term,
        ),
        (
            "The crowd roared back at the stage.\n\n\"We Will Win.\"\n\nShe said it twice.",
            "We Will Win",
            Whole,
        ),
        (
            "Calling it a \"culture of waste\" the bishop said the budget had failed.",
            "culture of waste",
            Said("the bishop"),
        ),
        (
            "Many fans are calling it \"the end of an era\".",
            "end of an era",
            Said("Many fans"),
        ),
    ]);
}

#[test]
fn more_terms() {
    use Want::*;
    check(&[
        (
            "The penguin earned the name \"jackass penguin\" for its call.",
            "jackass penguin",
            Term,
        ),
        (
            "I get some donations or \"tips\" as I like to call them.",
            "tips",
            Term,
        ),
        (
            "They used to call it \"forbidden pairing\" in the federation.",
            "forbidden pairing",
            Term,
        ),
        (
            "The tools are called lissoirs, which means \"smoothers\".",
            "smoothers",
            Term,
        ),
        (
            "He says the 14th Amendment phrase \"subject to\" meant something narrower.",
            "subject to",
            Term,
        ),
        (
            "The maker was absorbed in 2014, with the buyer gaining the trademark rights of \"Arbor\".",
            "Arbor",
            Term,
        ),
        (
            "Police identified him only as \"Mr. A\" during the inquiry.",
            "Mr. A",
            Term,
        ),
        (
            "Oh yeah, the classic \"no parties\", \"no alcohol\", \"no phones\", which we all broke.",
            "no alcohol",
            Term,
        ),
        (
            "The answer would be \"Don't question it\", or \"You're reading it wrong\", or \"Ask a scholar\".",
            "Don't question it",
            Speech,
        ),
        (
            "Despite \"Save the pier\" as a slogan, the march drew few people.",
            "Save the pier",
            Term,
        ),
        (
            "The nominee proposed a fix to the issue of \"packing\" the court.",
            "packing",
            Term,
        ),
        (
            "In the blog post announcing \"the archive is back\", the company thanked its users.",
            "the archive is back",
            Want::NotBy("post"),
        ),
        (
            "Then the group called the plan \"a betrayal hiding in plain sight.\"",
            "betrayal hiding",
            Partial("the group"),
        ),
        (
            "Consumers filed a complaint, in what the group called \"a betrayal hiding in plain sight.\"",
            "betrayal hiding",
            Speech,
        ),
    ]);
}

#[test]
fn the_outer_speaker_reports_a_nested_claim() {
    check(&[
        // The verb after the speaker reports a clause whose own verb of saying is inside it.
        (
            "Dana Whitlock, who leads the renters' group, said the council memo repeated developer talking points \"almost line by line.\"",
            "almost line by line",
            Want::SaidBy("Dana Whitlock"),
        ),
        (
            "Priya Anand said the ministry had told hospitals that it was \"reviewing every contract\" this month.",
            "reviewing every contract",
            Want::SaidBy("Priya Anand"),
        ),
        // Two clauses, two speakers: no nesting across "and".
        (
            "Anand spoke first, and the minister said it was \"a fair question.\"",
            "a fair question",
            Want::SaidBy("minister"),
        ),
        // A participle after the quote goes on with the writer's sentence and names nobody.
        (
            "Then 19, Ruiz saw the role as a \"chance to face my fears,\" having doubted her voice for years.",
            "chance to face my fears",
            Want::NotBy("having"),
        ),
    ]);
}

/// Attributions in prose (no quote): the source each sentence's claim is pinned on.
#[test]
fn claims_in_prose_name_their_source() {
    use attrib::sources::SourceClass as S;
    let cases: &[(&str, Option<(&str, S)>)] = &[
        // A verb that is also a noun, right after a plural source head.
        (
            "Sources report the party will split before the vote.",
            Some(("Sources", S::Anonymous)),
        ),
        (
            "Officials estimate that 40 homes were lost.",
            Some(("Officials", S::Anonymous)),
        ),
        // Elsewhere it is the noun opening the subject.
        (
            "The report said the bridge was unsafe.",
            Some(("The report", S::Document)),
        ),
        // The speaker after a closing verb of saying.
        (
            "The gunman was a local man, said officials.",
            Some(("officials", S::Anonymous)),
        ),
        (
            "The gunman was a local man, reported officials at the scene.",
            Some(("officials at the scene", S::Anonymous)),
        ),
        // Not a speaker: the reported clause after the verb.
        (
            "Saxophonist Delphine Morrow, who played with him for years, said Mr. Lindell was patient.",
            Some(("Saxophonist Delphine Morrow", S::NamedPerson)),
        ),
        // Authorities and prosecutors are people by role; the singular authority is a body,
        // and prosecutors from a named office speak for it.
        (
            "US authorities said the road was closed.",
            Some(("US authorities", S::Anonymous)),
        ),
        (
            "The road was closed, according to prosecutors.",
            Some(("prosecutors", S::Anonymous)),
        ),
        (
            "The port authority said the road was closed.",
            Some(("The port authority", S::NamedOrganization)),
        ),
        (
            "Prosecutors from the Marlow County District Attorney's Office said the road was closed.",
            Some((
                "Prosecutors from the Marlow County District Attorney's Office",
                S::NamedOrganization,
            )),
        ),
    ];
    let mut failures = Vec::new();
    for (text, want) in cases {
        let a = Analysis::new((*text).to_owned(), Format::Text);
        let got = a
            .attributions
            .first()
            .map(|x| (x.source.text.as_str(), x.source.class));
        if got != want.map(|(t, c)| (t, c)) {
            failures.push(format!("{text:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The subject of a clause whose participle or quotative introduces the quote; an
/// impersonal quotative ("it was like "...") has none.
#[test]
fn clause_subjects_and_relatives_before_a_quote() {
    check(&[
        // The subject before the verb, never "the subject, the verb and its object".
        (
            "Officials attacked the mayor, saying \"He has failed the city.\"",
            "failed the city",
            Want::Said("Officials"),
        ),
        (
            "Critics attacked the mayor saying \"He has failed the city.\"",
            "failed the city",
            Want::Said("Critics"),
        ),
        (
            "The Trump campaign responded, saying \"He has failed the city.\"",
            "failed the city",
            Want::Said("The Trump campaign"),
        ),
        // A quotative after a relative pronoun: the phrase it stands for.
        (
            "Now I have a few old friends who are like, \"I don't really care.\"",
            "really care",
            Want::Said("a few old friends"),
        ),
        // An impersonal quotative names nobody, not "it" and not the clause before it; in an
        // answer the words are the interviewee's.
        (
            "The builders knew their trade; it wasn't just like \"let's pour some concrete and hope\", right?",
            "pour some concrete",
            Want::NoSpeaker,
        ),
        (
            "The crowd went quiet. It was like \"what did he just say?\"",
            "what did he just say",
            Want::NoSpeaker,
        ),
        (
            "((WN)) How did the crew work?\n\n((Ilse Marek)) They planned everything; it was not like \"let's wing it and see\" at all.\n",
            "wing it and see",
            Want::SaidBy("Ilse Marek"),
        ),
    ]);
}

#[test]
fn quotes_that_run_on_into_the_writers_sentence_are_partial() {
    use Want::*;
    check(&[
        // The quote opens the sentence but the writer's words go on after it.
        (
            "Councillor Dana Moss said \"a full audit of the harbour fund\" would be needed before the vote.",
            "full audit",
            Fragment,
        ),
        (
            "\"A full audit of the harbour fund\" would be needed before the vote, Councillor Dana Moss said.",
            "full audit",
            Fragment,
        ),
        (
            "\"We have not seen that complaint\" from residents of the estate, the housing officer said.",
            "not seen",
            Fragment,
        ),
        (
            "\"They can promise it, but it looks very unlikely\" that the bridge opens in May, said Ivo Grant.",
            "promise it",
            Fragment,
        ),
        // A whole sentence, its speaker right after it or after punctuation, stays direct.
        (
            "\"We will not close the clinic\" she said on Monday.",
            "close the clinic",
            Whole,
        ),
        (
            "\"Enough!\" Councillor Dana Moss shouted at the meeting.",
            "Enough",
            Whole,
        ),
        (
            "\"We will reopen the road by Friday,\" the mayor said.",
            "reopen the road",
            Whole,
        ),
        // Full stops of other scripts end a sentence too.
        ("उन्होंने कहा: \"हम कल लौटेंगे।\" फिर वे चले गए।", "लौटेंगे", Whole),
    ]);
}

#[test]
fn idioms_of_attribution_news_copy_uses() {
    use Want::*;
    check(&[
        (
            "As Professor Ada Foner put it: \"The city does a better job at welcoming newcomers.\"",
            "better job",
            Said("Professor Ada Foner"),
        ),
        (
            "As the harbour master put it, \"Nobody sails in this.\"",
            "Nobody sails",
            Said("the harbour master"),
        ),
        (
            "\"Our survey works because we ask the right people,\" Braynard is quoted as saying.",
            "survey works",
            Said("Braynard"),
        ),
        (
            "\"We close at six,\" the manager was quoted as telling staff.",
            "close at six",
            Said("the manager"),
        ),
        // A debate round-up prints each candidate's name and a colon.
        (
            "Both reject the plan. Okafor: \"Our aim is to end it.\" Ruiz: \"The aim is to win.\"",
            "end it",
            Said("Okafor"),
        ),
        (
            "Both reject the plan. Okafor: \"Our aim is to end it.\" Dana Ruiz: \"The aim is to win.\"",
            "to win",
            Said("Dana Ruiz"),
        ),
        // A label before a colon names nobody.
        ("Update: \"The road has reopened,\"", "reopened", NoSpeaker),
        ("Photo: \"Flood at the pier\"", "Flood", NoSpeaker),
    ]);
}

/// Organisations speak in the plural too: "the unions", "the universities" are subjects a
/// participle's quote belongs to, as "the union" is, and so is a population such as "the
/// media" right before its participle, even after an earlier cue ("attacked the press
/// office, citing a case of the media wrongly calling her a "...""); plural roles the story
/// has not named ("the elected councillors") are not made into institutions.
#[test]
fn plural_organisations_are_subjects() {
    use Want::*;
    check(&[
        (
            "The unions attacked the reformers, saying, \"We are not against change.\"",
            "not against change",
            Said("The unions"),
        ),
        (
            "The universities defended the fee rise, saying \"Costs have doubled since 2010.\"",
            "Costs have doubled",
            Said("The universities"),
        ),
        (
            "Okonjo attacked the press office, citing a case of the media wrongly calling her a \"tax cheat\" in 2019.",
            "tax cheat",
            Said("the media"),
        ),
        (
            "The elected councillors can see the \"wish\" of the people.",
            "wish",
            NotBy("councillors"),
        ),
    ]);
}

/// A quote the writer's sentence runs on into is a fragment however long it is ("the idea
/// that "aggressive …"", "Ruiz said the plan's costs "are based on guesses …""), and a quote in a
/// clause that somebody reports is the reporter's, not the reported clause's subject's.
#[test]
fn reported_clauses_and_embedded_quotes() {
    use Want::*;
    check(&[
        (
            "The memo repeated the idea that \"aggressive monetary policy can reduce the depth of a recession.\"",
            "aggressive monetary",
            Fragment,
        ),
        (
            "Ruiz said the plan's costs \"are based on guesses, not on any of the figures we sent.\"",
            "based on guesses",
            Partial("Ruiz"),
        ),
        (
            "Lena Okafor, a county commissioner, predicted at Tuesday's hearing that the farmers will lose \"every appeal\" if the rule stands.",
            "every appeal",
            Partial("Lena Okafor"),
        ),
        (
            "The mayor told reporters on Monday that the bridge was \"in no danger at all.\"",
            "in no danger",
            Partial("The mayor"),
        ),
        // The reported clause's own verb is speech: its subject said the words.
        (
            "Many residents believe that Okafor said \"never\" to the developers.",
            "never",
            Partial("Okafor"),
        ),
        // A whole sentence after a verb of speech and its listener stays direct.
        (
            "Ruiz told the council \"We will not close the library while I am mayor.\"",
            "We will not close",
            Whole,
        ),
    ]);
}

/// A name with no determiner, then a verb and its plural object, is a subject and its verb,
/// not one noun phrase ("Okafor rallied supporters, saying that "..."" -> Okafor); a
/// possessive name's modifiers stay in the phrase ("Acme's chief information security
/// officer").
#[test]
fn a_name_then_a_verb_and_its_object_is_a_subject() {
    use Want::*;
    check(&[
        (
            "Lena Okafor rallied supporters, saying that \"the valley will not be flooded\" this year.",
            "valley will not be flooded",
            Partial("Lena Okafor"),
        ),
        (
            "Okafor met voters in Tacoma, warning that \"the levy is a trap for renters\" on Monday.",
            "levy is a trap",
            Partial("Okafor"),
        ),
        (
            "Acme's chief information security officer, Ruth Abara, disputed that, saying the firm had \"acted within the hour.\"",
            "acted within the hour",
            Partial("Ruth Abara"),
        ),
    ]);
}

/// A share of a survey's respondents speaks for the survey the sentence names before it: "In
/// a Harwell Institute poll released Monday, 61 percent of renters said ..." is the poll's
/// finding, not the renters' own words; with no survey named, the share stays the speaker.
#[test]
fn a_share_of_respondents_speaks_for_its_survey() {
    use Want::*;
    check(&[
        (
            "In a Harwell Institute poll released Monday, 61 percent of renters said the new levy was \"a tax on staying put.\"",
            "tax on staying put",
            Said("a Harwell Institute poll"),
        ),
        (
            "The county survey also finds that 44% of parents say the buses are \"never on time.\"",
            "never on time",
            Said("The county survey"),
        ),
        (
            "At the meeting, 30 percent of members said the merger was \"a betrayal of the founders.\"",
            "betrayal of the founders",
            SaidBy("percent of members"),
        ),
    ]);
}

/// Who speaks inside an interview: in an answer, a quote the interviewee gives to somebody
/// named by a possessive ("your neighbour says") is that person's, not the interviewee's;
/// "I", "we" or "you" right before the verb is the whole subject, not the phrase before it
/// ("In your letter you write"); a modal is no part of the subject ("Officials might have
/// said"); and "who were like" after a comma or "as well" stands for the phrase before it.
#[test]
fn speakers_in_interviews_and_their_subjects() {
    use Want::*;
    check(&[
        (
            "((WN)) How do you share the paper?\n\n((Mara Quell)) Well, if your neighbour says, \"can I borrow the paper tonight?\", you just lend it.\n",
            "borrow the paper",
            Said("your neighbour"),
        ),
        (
            "((WN)) How do you share the paper?\n\n((Mara Quell)) Well, I always say, \"lend it and forget it\" to the new ones.\n",
            "lend it and forget",
            SaidBy("Mara Quell"),
        ),
        (
            "In your letter you write \"the harbour will reopen in the spring.\"",
            "harbour will reopen",
            Said("you"),
        ),
        (
            "Officials might have said \"no comment\" to the press.",
            "no comment",
            Said("Officials"),
        ),
        (
            "At the gate we met worried parents as well, who were like, \"why is the school closed?\"",
            "why is the school",
            Said("worried parents"),
        ),
        (
            "We also had anxious tenants, who were like \"when will the heating work?\"",
            "heating work",
            Said("anxious tenants"),
        ),
    ]);
}

/// A subject pronoun is a clause's subject, never a word of the speaker phrase after it: in a
/// question that reports somebody ("Are you aware the ferry company said ...?") the speaker is
/// the company, not "Are you aware the ferry company", nor the interviewee "you" stands for.
/// A partitive still takes the pronoun in ("Those of you who ... said").
#[test]
fn a_subject_pronoun_opens_no_speaker_phrase() {
    use Want::*;
    check(&[
        (
            "((WN)) Are you aware the Harbour Ferry Company said it was a \"reckless and costly stunt\"?\n\n((Ilse Marek)) I read it, yes.\n",
            "reckless and costly",
            Said("the Harbour Ferry Company"),
        ),
        (
            "Did they know Councillor Brandt called the levy \"a tax on breathing\" last spring?",
            "tax on breathing",
            Said("Councillor Brandt"),
        ),
    ]);
}

/// "Each" opens a subject as a count does, and a side of a dispute is a group that speaks:
/// "Each side will attack the newcomers saying, "..."", "Each critic attacked the plan,
/// saying "..."" (both had no speaker).
#[test]
fn each_side_is_a_subject() {
    use Want::*;
    check(&[
        (
            "After every vote, each side will attack the newcomers saying, \"you never read the bill\", \"so we owe you nothing\".",
            "never read the bill",
            Said("each side"),
        ),
        (
            "After every vote, each side will attack the newcomers saying, \"you never read the bill\", \"so we owe you nothing\".",
            "we owe you nothing",
            Said("each side"),
        ),
        (
            "Each critic attacked the stadium plan, saying \"the numbers were invented.\"",
            "numbers were invented",
            Said("Each critic"),
        ),
    ]);
}

/// After a quote that ends its clause, a name and a single past form close the sentence as an
/// attribution whatever the verb ("Okafor pressed", "Ruiz interjected"); a job before a
/// name keeps the name in the subject ("The Tribune housing columnist Dana Ruiz went on to
/// say: ...").
#[test]
fn any_verb_after_a_quote_and_a_name_and_the_name_after_a_job() {
    use Want::*;
    check(&[
        (
            "\"Would the levy be negotiable?\" Okafor pressed.",
            "levy be negotiable",
            Said("Okafor"),
        ),
        (
            "\"We never saw the invoice,\" Ana Ruiz interjected.",
            "never saw the invoice",
            Said("Ana Ruiz"),
        ),
        (
            "The Tribune housing columnist Dana Ruiz went so far as to say: \"The rent board is finished.\"",
            "rent board is finished",
            SaidBy("Dana Ruiz"),
        ),
        // A new sentence after a quote that ends with a period is the writer's.
        (
            "The board met. \"We will decide in May.\" Prices jumped.",
            "decide in May",
            NotBy("Prices"),
        ),
    ]);
}

/// A party tag or an acronym in brackets after a name is skipped, before the verb and before a
/// stray comma ("Sen. Ana Ruiz (D-Ore.) refused ..., responding that ...", "Gov. Tom Reyes
/// (R-OH), said, ...").
#[test]
fn a_parenthetical_after_the_name_is_skipped() {
    use Want::*;
    check(&[
        (
            "Gov. Tom Reyes (R-OH), said, \"We are going all the way to the convention.\"",
            "all the way",
            Said("Gov. Tom Reyes"),
        ),
        (
            "Sen. Ana Ruiz (D-Ore.) refused to discuss the race, responding that she is \"not going to talk about my campaign.\"",
            "talk about my campaign",
            SaidBy("Ana Ruiz"),
        ),
    ]);
}

/// The writer's clause, a mid-sentence attribution, then a quote finishing the sentence in
/// lower case: a fragment of the writer's sentence. A sentence the quote opens, or one it
/// completes after a split, stays whole.
#[test]
fn a_quote_finishing_the_writers_sentence_is_partial() {
    use Want::*;
    check(&[
        (
            "When the rule takes effect, Dr. Ana Clark added, \"it will at least feel like progress.\"",
            "feel like progress",
            Partial("Dr. Ana Clark"),
        ),
        (
            "While turnout is the highest in years, he said, \"this has not reached the suburbs.\"",
            "reached the suburbs",
            Fragment,
        ),
        (
            "In a statement, Clark said, \"We will win.\"",
            "We will win",
            Whole,
        ),
        (
            "\"We will win,\" Clark said, \"and then we rest.\"",
            "then we rest",
            Whole,
        ),
    ]);
}

/// A noun after a possessive with a colon after it ("Editor's note:") points at what follows:
/// it is neither the quote's attribution nor a claim.
#[test]
fn a_possessive_label_before_a_colon_is_no_cue() {
    use Want::*;
    check(&[(
        "\"Math is math, it doesn't negotiate.\" Editor's note: The mayor often attacks the press.",
        "Math is math",
        NotBy("Editor"),
    )]);
    let a = Analysis::new(
        "Editor's note: The mayor often attacks the press.".to_owned(),
        Format::Text,
    );
    assert!(a.attributions.is_empty(), "{:?}", a.attributions);
}

/// Adverbs without -ly between the subject and the verb are no part of the speaker.
#[test]
fn plain_adverbs_between_subject_and_verb() {
    use Want::*;
    check(&[
        (
            "Mayor Ana Ruiz has long described the delay as \"gamesmanship\" by the council.",
            "gamesmanship",
            Partial("Mayor Ana Ruiz"),
        ),
        (
            "Tom Reyes even called the plan \"a tax on the poor\" at the rally.",
            "tax on the poor",
            Partial("Tom Reyes"),
        ),
        (
            "\"It was never about money,\" Ruiz has always said.",
            "never about money",
            Said("Ruiz"),
        ),
        (
            "Reyes now calls the vote \"a mistake\" he regrets.",
            "a mistake",
            Partial("Reyes"),
        ),
    ]);
}

/// A phrase set off by a comma hangs on the main clause, not on a that-clause before it; a
/// name right before a participle after a break is an absolute phrase's subject; a clause
/// opened by "but" has its subject after the conjunction, while "and" after a comma ends a
/// list and opens nothing.
#[test]
fn participles_absolutes_and_conjunctions() {
    use Want::*;
    check(&[
        (
            "Okafor, the mayor, repeated claims that Ruiz recites the same lines, calling him a \"gifted talker\" on stage.",
            "gifted talker",
            Partial("Okafor"),
        ),
        (
            "Both leaders issued a statement, Abara praising the \"honest talks\" and Reyes calling it a \"fine meeting.\"",
            "fine meeting",
            Partial("Reyes"),
        ),
        (
            "In those years the link between Fedora, Ubuntu, and Debian was simply, \"Debian goes first, and the rest follow later.\"",
            "Debian goes first",
            NotBy("Debian"),
        ),
    ]);
}

/// A transcript turn quoted whole is spoken by its capitalised label; a label-like word in a
/// short sign is no speaker when the sentence gives one.
#[test]
fn a_quoted_transcript_turn_is_its_labels() {
    use Want::*;
    check(&[
        (
            "The network released the exchange. \"OKAFOR: Let us begin with the levy. Will you repeal it?\" The answer came later.",
            "begin with the levy",
            Said("OKAFOR"),
        ),
        (
            "The transcript was brief. \"MS. RUIZ: We have no comment on the audit.\"",
            "no comment on the audit",
            SaidBy("RUIZ"),
        ),
        (
            "The sign read \"NO: not today\" at the door.",
            "not today",
            NotBy("NO"),
        ),
    ]);
}

/// A quote in a that-clause joined by "and" to a verb of speech is the reporter's, and a
/// progressive ("is telling") is no passive.
#[test]
fn a_reported_clause_before_a_coordinated_cue() {
    use Want::*;
    check(&[(
        "Lena Okafor is telling a tenants group that the city housing office is \"broken\" and says she will fix it.",
        "broken",
        Partial("Lena Okafor"),
    )]);
}

/// "As X, an appositive, recently put it," names X; a participle after "After" at the start
/// of the sentence leaves the speaker to the clause after the quote.
#[test]
fn as_x_with_an_appositive_and_after_saying() {
    use Want::*;
    check(&[
        (
            "As Dana Kowalski, a housing lawyer at the tenants' union, recently put it, \"Who pays when the landlord walks away?\"",
            "Who pays",
            Said("Dana Kowalski"),
        ),
        (
            "After saying the levy was \"a tax on the poor,\" Okafor left the meeting.",
            "a tax on the poor",
            Partial("Okafor"),
        ),
    ]);
}

/// The name after a recording's "of" speaks in the participle after it.
#[test]
fn footage_of_a_name_saying() {
    use Want::*;
    check(&[(
        "The advert ends with footage of Okafor saying at the hearing, \"That makes me careful,\" before the vote.",
        "makes me careful",
        Said("Okafor"),
    )]);
}

/// A paragraph led by its source and a colon, as headlines attribute, gives the source; in a
/// sentence set in title case, capitals say nothing of a name or a title.
#[test]
fn a_headline_led_by_its_source() {
    use Want::*;
    check(&[
        (
            "Dana Kowalski: Harbor Board ‘A Disgrace’ Over Pier Closures\n\nThe tenants' lawyer spoke on Monday.",
            "A Disgrace",
            Partial("Dana Kowalski"),
        ),
        (
            "Retired Admiral: ‘Demoralizing’ Years Under The Harbor Board\n\nThe admiral spoke on Monday.",
            "Demoralizing",
            Partial("Retired Admiral"),
        ),
        (
            "Lena Ortiz: ‘We Will Not Back Down’\n\nThe mayor spoke on Monday.",
            "We Will Not",
            Said("Lena Ortiz"),
        ),
        // A speech verb in a headline is capitalised like every word, and still a cue.
        (
            "Dana Kowalski Calls Harbor Board ‘A Disgrace’ Over Pier Closures\n\nThe tenants' lawyer spoke on Monday.",
            "A Disgrace",
            Partial("Dana Kowalski"),
        ),
        (
            "Harbor Board Chair: Pier Plan Is ‘Dead on Arrival’ in Salem this Week\n\nThe chair spoke on Monday.",
            "Dead on Arrival",
            Partial("Harbor Board Chair"),
        ),
        // No one's label: a headline's kicker.
        (
            "Exclusive: Harbor Board ‘Will Not Back Down’ on Pier\n\nThe board met on Monday.",
            "Will Not Back Down",
            Term,
        ),
        // No one's label: a caption's.
        (
            "Image: The ‘Save the Pier’ banner at the harbor.\n\nThe mayor spoke on Monday.",
            "Save the Pier",
            Term,
        ),
        // In the writer's prose, a title in title case is still a title.
        (
            "The board screened the film ‘Night of the Fox’ on Monday.",
            "Night of the Fox",
            Term,
        ),
    ]);
}

/// A participle of speech without a subject of its own: opening the sentence, its agent is the
/// main clause's subject; in an absolute phrase ("with X calling"), the phrase's own subject;
/// after a discourse word ("Then she ..."), the subject that follows it.
#[test]
fn participles_and_their_agents() {
    use Want::*;
    check(&[
        (
            "In declaring the harbor plan \"a betrayal,\" the union leader again put the mayor on notice.",
            "a betrayal",
            Partial("the union leader"),
        ),
        (
            "Residents were angry about the delay, with Councillor Ana Ruiz calling it a \"slow-motion disaster.\"",
            "slow-motion disaster",
            Partial("Councillor Ana Ruiz"),
        ),
        (
            "Then she turned to the board, calling its members \"cowards\" and leaving the room.",
            "cowards",
            Partial("she"),
        ),
        (
            "Council members attacked the plan, with Ana Ruiz of Salem calling it \"reckless\" and Tom Reyes of Alder calling the vote \"a sham.\"",
            "a sham",
            Partial("Tom Reyes of Alder"),
        ),
        // A comma inside the marks and a possessive before them: no nickname.
        (
            "Praising Okafor's \"steady hand,\" Ruiz said the port would reopen.",
            "steady hand",
            Partial("Ruiz"),
        ),
        // A list's last item before its verb is no subject after "and".
        (
            "Between the port, the union, and the council the deal was, \"Nobody moves first.\"",
            "Nobody moves first",
            NotBy("the council"),
        ),
    ]);
}

/// A speech noun after a possessive is the object of a verb of speech before it, not a cue of
/// the possessor's; alone, the possessor's claim is the possessor's.
#[test]
fn a_possessive_before_a_speech_noun() {
    use Want::*;
    check(&[
        (
            "Harbor Board chair Lena Ortiz called Okafor's remarks on the pier a \"new low\" in the dispute.",
            "new low",
            Partial("Harbor Board chair Lena Ortiz"),
        ),
        (
            "The review looked at Okafor's claim that there had been \"thousands of complaints\" about the pier.",
            "thousands of complaints",
            SaidBy("Okafor"),
        ),
    ]);
}

/// Verbs of speech real copy uses that the lexicon lacked.
#[test]
fn more_verbs_of_speech() {
    use Want::*;
    check(&[
        (
            "Walter Okafor sniped that the director was \"learning on the job,\" while the board stayed silent.",
            "learning on the job",
            Partial("Walter Okafor"),
        ),
        (
            "\"Let me help you out - the answer's no,\" the harbor master riffed on the question, drawing laughs.",
            "the answer's no",
            Said("the harbor master"),
        ),
    ]);
}

/// A first name that ends like an adverb or a participle ("Carly", "Irving", "Jared") opens
/// its clause's subject, not an introductory phrase.
#[test]
fn first_names_that_look_like_adverbs() {
    use Want::*;
    check(&[
        (
            "Carly Okafor backed the harbor plan on Wednesday, saying it is time for a \"real working port\" again.",
            "real working port",
            Partial("Carly Okafor"),
        ),
        (
            "Irving Ruiz left the hearing early, saying the board had been \"asleep at the wheel.\"",
            "asleep at the wheel",
            Partial("Irving Ruiz"),
        ),
    ]);
}

/// A list of short quotes said by someone is theirs, every entry, not a list of terms.
#[test]
fn a_list_of_quotes_with_a_speaker() {
    use Want::*;
    check(&[
        (
            "Ortiz said on Monday that the director was a \"bully,\" a \"liar\" and a \"coward.\"",
            "coward",
            Partial("Ortiz"),
        ),
        (
            "The charter lists \"life\", \"liberty\", and \"happiness\" among its aims.",
            "liberty",
            Term,
        ),
    ]);
}

/// An attribution set off by commas later in the sentence speaks the quoted words before it:
/// a speaker, a verb and an adverbial ("Ortiz said Tuesday in Salem"), or an inverted one
/// inside the sentence ("said Lena Ortiz, a port economist,"). Not a relative clause.
#[test]
fn an_attribution_later_in_the_sentence() {
    use Want::*;
    check(&[
        (
            "The board's \"excesses\" are sickening, Ortiz said Tuesday in Salem, noting the vote was close.",
            "excesses",
            Partial("Ortiz"),
        ),
        (
            "Any \"cleareyed\" reading of the port's books, said Lena Ortiz, an economist at the college, would show the losses.",
            "cleareyed",
            Partial("Lena Ortiz"),
        ),
        (
            "The agency \"intends to search every archive it holds\" for the records, harbor authority counsel Dana Lee Okafor wrote in a court filing.",
            "intends to search",
            Partial("Dana Lee Okafor"),
        ),
        (
            "The \"reform\" bill passed, which Okafor said was overdue.",
            "reform",
            NotBy("Okafor"),
        ),
    ]);
}

/// A name someone calls a person by is their speech however capitalised; a thing "called"
/// a name is a term.
#[test]
fn names_someone_calls_a_person_by() {
    use Want::*;
    check(&[
        (
            "Okafor called the harbor master \"Captain Chaos\" and \"Lord Delay\" at the hearing.",
            "Captain Chaos",
            Partial("Okafor"),
        ),
        (
            "The mayor refers to her rival as \"Mr. Pier\" in every speech.",
            "Mr. Pier",
            Partial("The mayor"),
        ),
        (
            "Ruiz cited Okafor's past references to the director as \"Captain Chaos\" at the hearing.",
            "Captain Chaos",
            Partial("Ruiz"),
        ),
        (
            "A Gazette editorial hailed Okafor as \"The Harbor Queen\" after the vote.",
            "The Harbor Queen",
            Partial("A Gazette editorial"),
        ),
        (
            "Dockers have already dubbed the coming stretch \"Hell Week\" at the port.",
            "Hell Week",
            Term,
        ),
        (
            "Two dockers, who were part of a union group called \"Harbor Hands United\" spoke at the meeting.",
            "Harbor Hands United",
            Term,
        ),
    ]);
}

/// Words cited as someone's: "referenced", "invoked".
#[test]
fn words_referenced_or_invoked() {
    use Want::*;
    check(&[
        (
            "Although the port authority did not name the mayor, it referenced \"political tensions\" in its forecast.",
            "political tensions",
            Partial("it"),
        ),
        (
            "While the vote was close, Okafor invoked \"the spirit of the docks\" in her closing remarks.",
            "spirit of the docks",
            Partial("Okafor"),
        ),
    ]);
}

/// A headline's present-tense verb of attack is its cue.
#[test]
fn a_headline_verb_of_attack() {
    use Want::*;
    check(&[(
        "Harbor Workers Rip Mayor Ruiz As A 'Reckless Gambler'\n\nThe union met on Monday.",
        "Reckless Gambler",
        SaidBy("Harbor Workers"),
    )]);
}

/// A number's thousands separator is inside its word: "2,500 dockers", not "500 dockers".
#[test]
fn thousands_separators_stay_in_the_number() {
    use Want::*;
    check(&[
        (
            "In June, 2,500 dockers signed a petition calling the plan \"a disgrace.\"",
            "a disgrace",
            Partial("2,500 dockers"),
        ),
        // A quantity's opening words before the number: the count is the subject.
        (
            "More than 1,200 dockers signed a letter calling the plan \"reckless.\"",
            "reckless",
            Partial("1,200 dockers"),
        ),
    ]);
}

/// "According to" closing the sentence after a comma gives the quoted words before it their
/// source, however long the source's phrase.
#[test]
fn according_to_at_the_end() {
    use Want::*;
    check(&[
        (
            "The plan is a \"disaster\" for the port, according to the union.",
            "disaster",
            Partial("the union"),
        ),
        (
            "The levy is meant to curb \"activist\" investors and others focused on quick returns, according to a speech Ruiz delivered at the college in June.",
            "activist",
            Speech,
        ),
    ]);
}

/// A possessive pronoun with a speech noun and the clause it states is a cue: "her claim that
/// ..." is hers; the same noun with no clause after it is not ("His claims were "baseless,"
/// the judge said").
#[test]
fn a_possessive_pronoun_and_a_claim() {
    use Want::*;
    check(&[
        (
            "The hearing turned on her claim that she \"never saw the harbor accounts\" before May.",
            "never saw the harbor accounts",
            Partial("her"),
        ),
        (
            "His claims were \"baseless,\" the judge said.",
            "baseless",
            Said("the judge"),
        ),
    ]);
}

/// A quote right after a verb of speech and its comma is speech even when no speaker is read
/// and the writer's sentence runs on after it.
#[test]
fn a_quote_after_said_and_a_comma_is_speech() {
    use Want::*;
    check(&[(
        "Yet another said, \"Okafor is in a five-way fight with Ruiz, Lee and Tan\" for the second seat.",
        "five-way fight",
        Speech,
    )]);
}

/// A chant or a shout right after its verb is speech however capitalised; a song sung by
/// its title stays a title.
#[test]
fn chants_and_shouts() {
    use Want::*;
    check(&[
        (
            "About 200 dockers gathered outside the hall, chanting \"Save Our Port.\"",
            "Save Our Port",
            Partial("200 dockers"),
        ),
        (
            "The choir sang \"Harbor Lights\" at the memorial.",
            "Harbor Lights",
            Term,
        ),
        (
            "The crowd sang \"we will not be moved\" as the board left.",
            "we will not be moved",
            Partial("The crowd"),
        ),
    ]);
}

/// "The words" after the speaker's own verb name what the speaker said; alone they name a
/// term.
#[test]
fn the_words_a_speaker_said() {
    use Want::*;
    check(&[
        (
            "At the end of her song, Okafor added the words, \"Harbor Forever.\"",
            "Harbor Forever",
            Partial("Okafor"),
        ),
        (
            "He refused to use the words \"harbor tax\" in the speech.",
            "harbor tax",
            Term,
        ),
    ]);
}
