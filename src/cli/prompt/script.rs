//! A scripted person at the terminal, for unit tests of anything that asks through [`Ask`].

use std::collections::VecDeque;

use super::Ask;
use crate::error::Result;

/// One canned answer, of the kind of question it answers.
#[derive(Debug)]
pub enum Answer {
    Text(&'static str),
    Select(usize),
    Multi(Vec<usize>),
    Confirm(bool),
    Long(Option<&'static str>),
}

/// Answers the walk's questions in order, recording every prompt and every line said;
/// panics when the walk asks something the script did not expect.
#[derive(Default)]
pub struct Script {
    answers: VecDeque<Answer>,
    /// Every prompt asked, in order.
    pub asked: Vec<String>,
    /// Every line said, in order.
    pub said: Vec<String>,
}

impl Script {
    pub fn new(answers: impl IntoIterator<Item = Answer>) -> Self {
        Script {
            answers: answers.into_iter().collect(),
            ..Script::default()
        }
    }

    fn next(&mut self, kind: &str, prompt: &str) -> Answer {
        self.asked.push(prompt.to_string());
        match self.answers.pop_front() {
            Some(a) => a,
            None => panic!(
                "the walk asked {kind} {prompt:?} after the script ran out; asked so far: {:#?}",
                self.asked
            ),
        }
    }

    fn unexpected(&self, kind: &str, prompt: &str, answer: &Answer) -> ! {
        panic!(
            "the walk asked {kind} {prompt:?} but the script's next answer is {answer:?}; asked so far: {:#?}",
            self.asked
        )
    }

    /// Checks that every answer was used.
    pub fn finished(&self) {
        assert!(
            self.answers.is_empty(),
            "the walk ended with answers left over: {:?}; asked: {:#?}",
            self.answers,
            self.asked
        );
    }
}

impl Ask for Script {
    fn text(&mut self, prompt: &str, _required: bool, _default: Option<&str>) -> Result<String> {
        match self.next("for text", prompt) {
            Answer::Text(t) => Ok(t.to_string()),
            other => self.unexpected("for text", prompt, &other),
        }
    }

    fn select(&mut self, prompt: &str, items: &[&str], default: usize) -> Result<usize> {
        assert!(
            default < items.len(),
            "{prompt:?}: default {default} is not an item"
        );
        match self.next("to select", prompt) {
            Answer::Select(i) if i < items.len() => Ok(i),
            other => self.unexpected("to select", prompt, &other),
        }
    }

    fn multi_select(&mut self, prompt: &str, items: &[&str]) -> Result<Vec<usize>> {
        match self.next("to tick", prompt) {
            Answer::Multi(v) if v.iter().all(|i| *i < items.len()) => Ok(v),
            other => self.unexpected("to tick", prompt, &other),
        }
    }

    fn confirm(&mut self, prompt: &str, _default: bool) -> Result<bool> {
        match self.next("to confirm", prompt) {
            Answer::Confirm(b) => Ok(b),
            other => self.unexpected("to confirm", prompt, &other),
        }
    }

    fn long_text(&mut self, prompt: &str) -> Result<Option<String>> {
        match self.next("for long text", prompt) {
            Answer::Long(t) => Ok(t.map(str::to_string)),
            other => self.unexpected("for long text", prompt, &other),
        }
    }

    fn say(&mut self, line: &str) {
        self.said.push(line.to_string());
    }
}
