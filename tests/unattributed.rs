//! unattributed-quote on passages shaped like real news (written for these tests): a quote a
//! reader can give to somebody in reach is not an error; a quote after a scene-setting
//! sentence is.

use attrib::check;
use attrib::input::Format;
use attrib::rules::{self, RuleSet};

fn flagged(text: &str) -> Vec<String> {
    let set = RuleSet {
        rules: rules::bundled_pack("core").expect("core pack loads"),
    };
    check::check_text(&set, text.to_owned(), Format::Text)
        .into_iter()
        .filter(|f| f.rule == "unattributed-quote")
        .map(|f| f.text)
        .collect()
}

#[test]
fn a_person_in_the_sentence_before_is_in_reach() {
    for text in [
        "Marcus Delaney, a former envoy, also criticised the decision on social media. \"The statement tonight shows a complete lack of understanding of what is happening.\"",
        "The visitors picked up two yellow cards, leaving coach Ingram unimpressed.\n\nIngram said little at first.\n\n\"One of them was fair. The other one was a lazy call from the referee.\"",
        "She left the series after one season. \"This is not what I wanted to become an actor for. I wanted lines.\"",
    ] {
        assert!(flagged(text).is_empty(), "{text:?}: {:?}", flagged(text));
    }
}

#[test]
fn a_colon_after_a_named_clause_or_a_statement_is_in_reach() {
    for text in [
        "Another was tour guide Thomas Reilly, 24, who cited only his years of rugby: \"One in, all in. I did what anyone would do.\"",
        "The palace issued the following statement from the king: \"She still holds her rank and must not enter politics.\"",
    ] {
        assert!(flagged(text).is_empty(), "{text:?}: {:?}", flagged(text));
    }
}

#[test]
fn a_second_quote_of_the_paragraph_goes_on_in_the_same_voice() {
    let text = "The crowd stood for the final minute.\n\n\"That was the loudest this arena has been in years.\" \"We will remember this one.\"";
    // The first is reported; the second continues it and is not reported again.
    assert_eq!(flagged(text).len(), 1, "{:?}", flagged(text));
}

#[test]
fn a_scene_setting_sentence_names_no_speaker() {
    for text in [
        "At Castle Ridge General Hospital, staff wheeled beds into the hallways for the drill.\n\n\"Two of the generators would not have lasted through the night.\"",
        "At the Harlow High School gym, which the Red Cross turned into a shelter, about 300 people had arrived by nightfall.\n\n\"We have been told nothing since noon.\"",
    ] {
        assert_eq!(flagged(text).len(), 1, "{text:?}: {:?}", flagged(text));
    }
}
