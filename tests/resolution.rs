//! Speaker resolution on short stories written for these tests: pronouns by salience and
//! agreement, organisations and documents told apart from people (issue 13).

use attrib::analysis::Analysis;
use attrib::input::Format;
use attrib::sources::SourceClass;

/// The speaker of the quote containing `key`: (text, class, refers_to).
fn speaker(story: &str, key: &str) -> (String, SourceClass, Option<String>) {
    let a = Analysis::new(story.to_owned(), Format::Text);
    let q = a
        .quotes
        .iter()
        .find(|q| q.quote.inner.of(&a.doc.text).contains(key))
        .unwrap_or_else(|| panic!("no quote with {key:?}"));
    let s = q
        .speaker
        .as_ref()
        .unwrap_or_else(|| panic!("no speaker for {key:?}"));
    (s.text.clone(), s.class, s.refers_to.clone())
}

fn refers(story: &str, key: &str) -> Option<String> {
    speaker(story, key).2
}

#[test]
fn the_subject_outranks_an_object_in_its_appositive() {
    let story = "Nadia Ferreira, the lawyer representing Victor Albescu, questioned the timeline \
                 before the review panel on Tuesday. She told the panel: \"My client was asleep \
                 when the fire started.\"";
    assert_eq!(
        refers(story, "My client was asleep").as_deref(),
        Some("Nadia Ferreira")
    );
    let story = "Tomas Ekberg, the lawyer representing Victor Albescu, questioned the timeline \
                 before the review panel on Tuesday. He told the panel: \"My client was asleep \
                 when the fire started.\"";
    assert_eq!(
        refers(story, "My client was asleep").as_deref(),
        Some("Tomas Ekberg")
    );
}

#[test]
fn events_and_governments_are_never_he() {
    let story = "Governor Tomas Reyna was speaking at the opening of Harvest Week, an annual \
                 commemoration of the Border War, which features parades. \"We will rebuild \
                 every bridge,\" he said.";
    assert_eq!(
        refers(story, "every bridge").as_deref(),
        Some("Tomas Reyna")
    );
    let story = "Reyna announced the measure at the Valdoria Government's weekly briefing. He \
                 said it would be \"a condition of travel\" from June.\n\nGovernor Reyna added \
                 nothing.";
    let (_, class, refers_to) = speaker(story, "a condition of travel");
    assert_ne!(refers_to.as_deref(), Some("Valdoria Government"));
    assert_ne!(class, SourceClass::NamedOrganization);
}

#[test]
fn a_first_name_tells_gender() {
    let story = "Grace Okafor met Daniel Mensah at the ministry on Friday to discuss the \
                 pipeline. \"We agreed on nothing,\" she said.";
    assert_eq!(
        refers(story, "agreed on nothing").as_deref(),
        Some("Grace Okafor")
    );
    let story = "Grace Okafor met Daniel Mensah at the ministry on Friday to discuss the \
                 pipeline. \"We agreed on nothing,\" he said.";
    assert_eq!(
        refers(story, "agreed on nothing").as_deref(),
        Some("Daniel Mensah")
    );
}

#[test]
fn a_possessor_is_less_salient_than_the_subject() {
    let story = "Amira Haddad called Leila Nasser's apology a stunt on Monday. \"It changes \
                 nothing for the families,\" she said.";
    assert_eq!(
        refers(story, "It changes nothing").as_deref(),
        Some("Amira Haddad")
    );
}

#[test]
fn the_last_subject_outweighs_the_story_s_main_figure() {
    let story = "Mayor Carla Benn opened the session. Benn defended the budget. Benn said the \
                 city would borrow. Benn took questions. Councillor Ruth Amadi, speaking after \
                 the vote, called the plan reckless. \"It is a gamble with our pensions,\" \
                 she said.";
    assert_eq!(
        refers(story, "a gamble with our pensions").as_deref(),
        Some("Ruth Amadi")
    );
}

#[test]
fn they_can_be_an_organisation() {
    let story = "The Harbor Workers Union rejected the offer on Monday. \"This is an insult to \
                 every docker,\" they said.";
    let (_, class, refers_to) = speaker(story, "an insult");
    assert_eq!(class, SourceClass::NamedOrganization);
    assert_eq!(refers_to.as_deref(), Some("The Harbor Workers Union"));
}

#[test]
fn organisations_are_not_people() {
    for (story, key) in [
        (
            "\"The ship was never heard from again,\" Marine Bulletin reported on Friday.",
            "never heard from",
        ),
        (
            "\"The protesters are terrorists,\" the Belarusian KGB said in a statement.",
            "are terrorists",
        ),
        (
            "\"We stand for small government,\" Liberal Democrats said on their website.",
            "small government",
        ),
        (
            "\"We reviewed the claim carefully,\" GitHub said on Monday.",
            "reviewed the claim",
        ),
        (
            "\"The rules apply from Monday,\" Northern Ireland said.",
            "rules apply",
        ),
        (
            "\"The measures are lawful,\" the official news agency Xinhua said.",
            "measures are lawful",
        ),
        (
            "\"We have made a difficult decision,\" a Woolworths spokesperson said.",
            "difficult decision",
        ),
    ] {
        assert_eq!(
            speaker(story, key).1,
            SourceClass::NamedOrganization,
            "{story}"
        );
    }
}

#[test]
fn a_role_its_portfolio_and_a_name_are_that_person() {
    for (story, key) in [
        (
            "Former US secretary of state Ada Morrow said \"there is a special place for them.\"",
            "special place",
        ),
        (
            "\"The talks failed,\" said the minister of health Ana Ruiz.",
            "talks failed",
        ),
    ] {
        let (_, class, _) = speaker(story, key);
        assert_eq!(class, SourceClass::NamedPerson, "{story}");
    }
}

#[test]
fn a_spokesperson_for_a_body_met_before_speaks_for_it() {
    let story = "Harbor Mutual will close 40 branches next year.\n\n\"Sales have not \
                 recovered,\" a spokesperson for the company said.";
    let (_, class, refers_to) = speaker(story, "Sales have not");
    assert_eq!(class, SourceClass::NamedOrganization);
    assert_eq!(refers_to.as_deref(), Some("Harbor Mutual"));
}

#[test]
fn words_that_open_a_sentence_are_no_names() {
    let story = "Six of the defendants were acquitted on Friday. \"It is a relief for all of \
                 us,\" Six said outside the court.";
    let (_, class, _) = speaker(story, "a relief");
    assert_ne!(class, SourceClass::NamedPerson);
}

#[test]
fn a_document_resolves_to_its_author() {
    let story = "Senator Hal Brody wrote on Twitter that the talks had failed. \"We will not \
                 be bullied,\" the tweet said.";
    let (_, class, refers_to) = speaker(story, "not be bullied");
    assert_eq!(class, SourceClass::Document);
    assert_eq!(refers_to.as_deref(), Some("Hal Brody"));
    let story = "The Dockside Tenants Association met the mayor on Tuesday. They released a \
                 statement afterwards. \"We want answers,\" the statement said.";
    let (_, class, refers_to) = speaker(story, "We want answers");
    assert_eq!(class, SourceClass::Document);
    assert_eq!(
        refers_to.as_deref(),
        Some("The Dockside Tenants Association")
    );
    // The contract's rule stands: "The company said in a statement" is the company's.
    let story = "Harbor Mutual said in a statement that it would appeal. \"The ruling is \
                 wrong,\" the company said.";
    let (_, class, refers_to) = speaker(story, "ruling is wrong");
    assert_eq!(class, SourceClass::NamedOrganization);
    assert_eq!(refers_to.as_deref(), Some("Harbor Mutual"));
}

#[test]
fn a_nickname_in_quotes_stays_in_the_name() {
    let story = "Walter \u{201c}Sticks\u{201d} Abernathy, a drummer, played the Rail Room for \
                 thirty years. Born in Dover County, Mr. Abernathy taught himself on pots. He \
                 told the Gazette the story was \u{201c}mostly true, which is enough.\u{201d}";
    assert_eq!(
        refers(story, "mostly true").as_deref(),
        Some("Walter Abernathy")
    );
}

#[test]
fn one_of_a_group_is_an_unnamed_person() {
    let story = "\"We should have moved years ago,\" one of the tenants said.";
    assert_eq!(speaker(story, "moved years ago").1, SourceClass::Anonymous);
    let story = "\"Leave the keys at the desk,\" somebody said.";
    assert_eq!(speaker(story, "Leave the keys").1, SourceClass::Anonymous);
}

#[test]
fn a_role_word_before_a_name_keeps_it_a_person() {
    // "developer" names people as well as companies: the name decides.
    let story = "\"It took me six years,\" said Finnish game developer Aino Virtanen.";
    assert_eq!(speaker(story, "six years").1, SourceClass::NamedPerson);
}

#[test]
fn a_head_ending_in_ly_is_a_noun_not_an_adverb() {
    let story = "The council cut the grant in March. When the shelter asked for more time, the \
                 family would say, \"We cannot wait another winter.\"";
    let (text, class, _) = speaker(story, "another winter");
    assert_eq!(text, "the family");
    assert_eq!(class, SourceClass::Anonymous);
    let story =
        "Tickets sold out within an hour. The whole family said \"It was worth the drive.\"";
    assert_eq!(speaker(story, "worth the drive").0, "The whole family");
}

#[test]
fn an_unnamed_role_with_no_antecedent_is_anonymous() {
    let story = "Mara Jensen bought a used van last spring. It broke down within a week. The \
                 seller told her \"bring it back and I will look at it\", she recalled.";
    let (text, class, _) = speaker(story, "bring it back");
    assert_eq!(text, "The seller");
    assert_eq!(class, SourceClass::Anonymous);
}

#[test]
fn a_bare_population_is_vague_and_a_counted_one_anonymous() {
    let story = "The museum reopened on Saturday after two years. People keep asking \"when \
                 will the east wing open?\" at the desk. Two people said \"the queue was \
                 worth it\".";
    assert_eq!(speaker(story, "east wing").1, SourceClass::Vague);
    assert_eq!(speaker(story, "queue was").1, SourceClass::Anonymous);
    let story = "The clinic opened late. Women would tell the nurses \"we waited since dawn\".";
    let (text, class, _) = speaker(story, "since dawn");
    assert_eq!(text, "Women");
    assert_eq!(class, SourceClass::Vague);
}

#[test]
fn they_after_a_bare_population_points_back_to_it() {
    let story = "The Harbour Trust opened the pier in May. People ask me \"is it safe?\" all \
                 summer. They say \"the pier saved the town\".";
    assert_eq!(refers(story, "saved the town").as_deref(), Some("People"));
}

#[test]
fn a_title_written_capitalised_is_a_definite_description() {
    // "the Prime Minister" points back as "the prime minister" does.
    let story = "Prime Minister Ilse Varga tested positive on Monday. Her office cancelled \
                 every event.\n\n\"We are all fine,\" the Prime Minister said.";
    let (_, class, refers_to) = speaker(story, "We are all fine");
    assert_eq!(class, SourceClass::NamedPerson);
    assert_eq!(refers_to.as_deref(), Some("Ilse Varga"));
}

#[test]
fn a_portfolio_between_title_and_name_is_not_the_name() {
    // "Minister of Economy Richard Sulik": the person is Richard Sulik, not "Economy Richard".
    let story = "Minister of Economy Richard Sulik met the unions on Monday. Later he said the \
                 talks had been \"long but useful\".";
    assert_eq!(
        refers(story, "long but useful").as_deref(),
        Some("Richard Sulik")
    );
    let story = "Secretary of Homeland Security Dana Okafor toured the port. She called the new \
                 scanners \"a real step forward\".";
    assert_eq!(
        refers(story, "a real step forward").as_deref(),
        Some("Dana Okafor")
    );
}

/// A description names the office, not only its last word: "the Prime Minister" is not the
/// "Deputy Prime Minister" mentioned last, "the president" not the vice president; with no
/// one else to point to, the lesser office is still found.
#[test]
fn a_description_names_its_office_not_a_deputy() {
    let story = "Prime Minister Ilse Varga spoke on Monday. Deputy Prime Minister Petr Holub \
                 failed to buy the tests. The Prime Minister apologised for \"having an \
                 idiot as economy minister.\"";
    assert_eq!(refers(story, "idiot").as_deref(), Some("Ilse Varga"));
    let story = "President Ana Reyes met Vice President Tom Okafor. \"We agree,\" the \
                 president said.";
    assert_eq!(refers(story, "We agree").as_deref(), Some("Ana Reyes"));
    let story = "Vice President Tom Okafor toured the plant. \"We agree,\" the president said.";
    assert_eq!(refers(story, "We agree").as_deref(), Some("Tom Okafor"));
}

#[test]
fn they_after_a_group_of_people_in_prose_points_to_the_group() {
    // A group of people the writer mentions (a subject, never a speaker) is nearer than the
    // organisation named before it: "they" is the group.
    let story = "Engineers from the Marrow Valley Institute tested the dam in March. \
                 The scientists measured the spillway twice. They reported, \"The \
                 concrete is sound.\"";
    assert_eq!(
        refers(story, "concrete is sound").as_deref(),
        Some("The scientists")
    );
    // A plural role head after a possessive and a modifier, as an object in a question.
    let story = "The Pellham Rowing Club hired a new coach last year.\n\n\
                 How do your fellow players see the change?\n\n\
                 Mostly well. At first they said \"the training is too hard\", but that passed.";
    assert_eq!(
        refers(story, "training is too hard").as_deref(),
        Some("your fellow players")
    );
}

#[test]
fn a_group_description_runs_through_a_reduced_relative() {
    // "the people writing the rules" is a group of its own, not an earlier "people".
    let story = "People queued at the Tarnwick Water Board for hours. If the people writing \
                 the rules had listened, they would have asked \"why are we rationing at all?\"";
    assert_eq!(
        refers(story, "why are we rationing").as_deref(),
        Some("the people writing the rules")
    );
}

#[test]
fn they_stays_with_an_organisation_when_no_group_intervenes() {
    // (A group after a preposition is no candidate: "for island residents".)
    let story = "The Corran Ferry Company cut two crossings for island residents on Friday. \
                 \"We had no crew,\" they said.";
    let (_, class, _) = speaker(story, "no crew");
    assert_eq!(class, SourceClass::NamedOrganization);
}
