//! No import circles between the modules of a crate. Every `.rs` file under
//! `crates/*/src` is one module; an edge A -> B means A names something of B
//! through a `use` or a path in code (`crate::…`, `super::…`, `self::…`, or a
//! child module by its bare name). A `mod x;` declaration is not an edge: a
//! parent owns its children, it does not import them. A path is an edge to the
//! deepest module that has a file of its own (`crate::a::b::Item` -> `a/b.rs`
//! or `a/b/mod.rs`). The modules of each crate must form no circle (a strongly
//! connected component of more than one file), so that every module can be
//! read, tested and moved with only what stands below it. The check lives in
//! the top crate because it reads the whole workspace; `cargo test --workspace`
//! runs it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module's path inside its crate: `["access", "relay"]`; the root is empty.
type ModPath = Vec<String>;

fn workspace_root() -> PathBuf {
    // crates/cli -> the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/cli lies two folders below the workspace root")
        .to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file under `src` is: `lib.rs`/`main.rs` the root, `a/mod.rs`
/// and `a.rs` both `a`.
fn module_of(src: &Path, file: &Path) -> ModPath {
    let relative = file.strip_prefix(src).expect("a file under src");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    let at_root = parts.is_empty();
    if !(stem == "mod" || (at_root && (stem == "lib" || stem == "main"))) {
        parts.push(stem.to_string());
    }
    parts
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    /// `::`
    PathSep,
    Punct(char),
}

/// The identifiers and punctuation of Rust source, without comments, string
/// and character literals (a path in a doc comment or a string imports nothing).
fn tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == '"' {
            i = skip_string(&chars, i + 1);
        } else if c == '\'' {
            if at(i + 1) == '\\' {
                // An escaped character literal: '\n', '\'', '\u{..}'.
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                // A lifetime or a label.
                i += 1;
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let prefix = matches!(word.as_str(), "r" | "b" | "br" | "c" | "cr");
            if prefix && (at(i) == '"' || (at(i) == '#' && raw_string_ahead(&chars, i))) {
                i = skip_prefixed_string(&chars, i, word.contains('r'));
            } else if word == "r" && at(i) == '#' {
                // A raw identifier: r#type.
                i += 1;
            } else if word == "b" && at(i) == '\'' {
                i = skip_byte_char(&chars, i);
            } else {
                out.push(Token::Ident(word));
            }
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
        } else if c == ':' && at(i + 1) == ':' {
            out.push(Token::PathSep);
            i += 2;
        } else {
            out.push(Token::Punct(c));
            i += 1;
        }
    }
    out
}

/// Past the closing quote of a plain string whose body starts at `i`.
fn skip_string(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

fn raw_string_ahead(chars: &[char], mut i: usize) -> bool {
    while chars.get(i) == Some(&'#') {
        i += 1;
    }
    chars.get(i) == Some(&'"')
}

/// Past a string that follows a prefix (`r"…"`, `r#"…"#`, `b"…"`); `i` is
/// at the first `#` or the quote.
fn skip_prefixed_string(chars: &[char], mut i: usize, raw: bool) -> usize {
    if !raw {
        return skip_string(chars, i + 1);
    }
    let mut hashes = 0;
    while chars.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    i += 1;
    while i < chars.len() {
        if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

fn skip_byte_char(chars: &[char], mut i: usize) -> usize {
    i += 1;
    if chars.get(i) == Some(&'\\') {
        i += 1;
    }
    i += 1;
    while i < chars.len() && chars[i] != '\'' {
        i += 1;
    }
    i + 1
}

/// One crate's modules: which file each module with a file of its own is.
struct Crate {
    name: String,
    files: BTreeMap<ModPath, PathBuf>,
}

impl Crate {
    fn read(dir: &Path) -> Crate {
        let src = dir.join("src");
        let mut paths = Vec::new();
        rust_files(&src, &mut paths);
        let files = paths
            .into_iter()
            .map(|p| (module_of(&src, &p), p))
            .collect();
        Crate {
            name: dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            files,
        }
    }

    /// Whether `file` is the file of a module that `module` lies in.
    fn is_ancestor(&self, file: &Path, module: &[String]) -> bool {
        (0..module.len()).any(|n| self.files.get(&module[..n]).is_some_and(|f| f == file))
    }

    fn is_module(&self, path: &[String]) -> bool {
        self.files.contains_key(path)
    }

    /// The deepest module with a file that `path` (absolute) lies in.
    fn file_of(&self, path: &[String]) -> Option<&PathBuf> {
        (0..=path.len())
            .rev()
            .find_map(|n| self.files.get(&path[..n]))
    }
}

/// Where a path written in module `here` leads, as an absolute module path;
/// `None` for a path into another crate or the standard library.
fn absolute(krate: &Crate, here: &[String], segments: &[String]) -> Option<ModPath> {
    let first = segments.first()?;
    let (mut base, rest): (ModPath, &[String]) = match first.as_str() {
        "crate" => (Vec::new(), &segments[1..]),
        "self" => (here.to_vec(), &segments[1..]),
        "super" => {
            let mut base = here.to_vec();
            let mut rest = segments;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop()?;
                rest = &rest[1..];
            }
            (base, rest)
        }
        _ => {
            // A bare name is a child module of `here` when one exists (an
            // extern crate or an item of the same name cannot stand beside it).
            let mut child = here.to_vec();
            child.push(first.clone());
            if !krate.is_module(&child) {
                return None;
            }
            (here.to_vec(), segments)
        }
    };
    base.extend(rest.iter().filter(|s| *s != "self").cloned());
    Some(base)
}

/// The paths of a `use` tree starting at `tokens[i]`, each with its prefix;
/// returns the index past the tree.
fn use_tree(tokens: &[Token], mut i: usize, prefix: &[String], out: &mut Vec<ModPath>) -> usize {
    let mut path = prefix.to_vec();
    loop {
        match tokens.get(i) {
            Some(Token::Ident(word)) if word == "as" => {
                // The alias names nothing of another module.
                i += 2;
                break;
            }
            Some(Token::Ident(word)) => {
                path.push(word.clone());
                i += 1;
            }
            Some(Token::PathSep) => i += 1,
            Some(Token::Punct('*')) => {
                i += 1;
                break;
            }
            Some(Token::Punct('{')) => {
                i += 1;
                loop {
                    match tokens.get(i) {
                        Some(Token::Punct('}')) => {
                            i += 1;
                            break;
                        }
                        Some(Token::Punct(',')) => i += 1,
                        None => break,
                        Some(_) => i = use_tree(tokens, i, &path, out),
                    }
                }
                // The braces gave the leaves; the prefix is no leaf of its own.
                return i;
            }
            _ => break,
        }
    }
    out.push(path);
    i
}

/// What one file names of other modules of its crate.
#[derive(Debug, Default)]
struct References {
    /// Absolute module paths, each with the words written (for the report).
    paths: Vec<(ModPath, String)>,
    /// Child modules declared under `#[cfg(test)]`: unit tests, not modules of the graph.
    test_modules: Vec<ModPath>,
}

/// `#[cfg(test)]`
const CFG_TEST: [&str; 7] = ["#", "[", "cfg", "(", "test", ")", "]"];

fn is_cfg_test(tokens: &[Token]) -> bool {
    CFG_TEST.len() <= tokens.len()
        && CFG_TEST
            .iter()
            .zip(tokens)
            .all(|(want, token)| match token {
                Token::Ident(word) => word == want,
                Token::Punct(c) => want.len() == 1 && want.starts_with(*c),
                Token::PathSep => false,
            })
}

/// The index past the item starting at `tokens[i]`: past its `;`, or past the
/// brace that closes its body.
fn past_item(tokens: &[Token], mut i: usize) -> usize {
    let mut depth = 0usize;
    while let Some(token) = tokens.get(i) {
        i += 1;
        match token {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            Token::Punct(';') if depth == 0 => return i,
            _ => {}
        }
    }
    i
}

/// What one file names of other modules of its crate.
fn references(krate: &Crate, module: &[String], source: &str) -> References {
    let tokens = tokens(source);
    let mut found = References::default();
    // Inline modules (`mod tests { … }`) open at a brace depth.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        let here: ModPath = module
            .iter()
            .cloned()
            .chain(inline.iter().map(|(name, _)| name.clone()))
            .collect();
        let previous = i.checked_sub(1).and_then(|p| tokens.get(p));
        match &tokens[i] {
            Token::Punct('#') if is_cfg_test(&tokens[i..]) => {
                // Unit tests are no part of the module graph: skip the item.
                i += CFG_TEST.len();
                if let (Some(Token::Ident(word)), Some(Token::Ident(name)), Some(Token::Punct(';'))) =
                    (tokens.get(i), tokens.get(i + 1), tokens.get(i + 2))
                    && word == "mod"
                {
                    let mut child = here.clone();
                    child.push(name.clone());
                    found.test_modules.push(child);
                }
                i = past_item(&tokens, i);
            }
            Token::Punct('{') => {
                depth += 1;
                i += 1;
            }
            Token::Punct('}') => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            Token::Ident(word) if word == "mod" => {
                if let (Some(Token::Ident(name)), Some(Token::Punct('{'))) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                {
                    depth += 1;
                    inline.push((name.clone(), depth));
                    i += 3;
                } else {
                    i += 1;
                }
            }
            Token::Ident(word)
                if word == "pub" && tokens.get(i + 1) == Some(&Token::Punct('(')) =>
            {
                // `pub(in crate::a)` names where an item is seen, not what it uses.
                while i < tokens.len() && tokens[i] != Token::Punct(')') {
                    i += 1;
                }
            }
            Token::Ident(word)
                if word == "use" && tokens.get(i + 1) != Some(&Token::Punct('<')) =>
            {
                let mut paths = Vec::new();
                let next = use_tree(&tokens, i + 1, &[], &mut paths);
                for path in paths {
                    if let Some(target) = absolute(krate, &here, &path) {
                        found.paths.push((target, path.join("::")));
                    }
                }
                i = next.max(i + 1);
            }
            Token::Ident(word)
                if tokens.get(i + 1) == Some(&Token::PathSep)
                    && previous != Some(&Token::PathSep)
                    && previous != Some(&Token::Punct('.')) =>
            {
                let mut path = vec![word.clone()];
                let mut j = i + 1;
                while tokens.get(j) == Some(&Token::PathSep) {
                    match tokens.get(j + 1) {
                        Some(Token::Ident(next)) => {
                            path.push(next.clone());
                            j += 2;
                        }
                        _ => break,
                    }
                }
                if let Some(target) = absolute(krate, &here, &path) {
                    found.paths.push((target, path.join("::")));
                }
                i = j;
            }
            _ => i += 1,
        }
    }
    found
}

/// File -> file -> the paths written, inside one crate.
type Graph = BTreeMap<PathBuf, BTreeMap<PathBuf, BTreeSet<String>>>;

fn graph(krate: &Crate) -> Graph {
    let read: Vec<(&ModPath, &PathBuf, References)> = krate
        .files
        .iter()
        .map(|(module, file)| {
            let source =
                std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            (module, file, references(krate, module, &source))
        })
        .collect();
    let tests: Vec<&ModPath> = read.iter().flat_map(|(_, _, r)| &r.test_modules).collect();
    let mut graph = Graph::new();
    for (module, file, found) in &read {
        if tests.iter().any(|test| module.starts_with(test)) {
            continue;
        }
        let edges = graph.entry((*file).clone()).or_default();
        for (target, written) in &found.paths {
            match krate.file_of(target) {
                // A module lives inside its ancestors and may use what they
                // hold (Rust lets it see even their private items): that is
                // no import. What the ancestor takes from it still is.
                Some(to) if to != *file && !krate.is_ancestor(to, module) => {
                    edges.entry(to.clone()).or_default().insert(written.clone());
                }
                _ => {}
            }
        }
    }
    graph
}

/// The strongly connected components of more than one file (Tarjan).
fn circles(graph: &Graph) -> Vec<Vec<PathBuf>> {
    struct State<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g PathBuf, usize>,
        low: BTreeMap<&'g PathBuf, usize>,
        stack: Vec<&'g PathBuf>,
        on_stack: BTreeSet<&'g PathBuf>,
        found: Vec<Vec<PathBuf>>,
    }
    fn visit<'g>(state: &mut State<'g>, node: &'g PathBuf) {
        let n = state.index.len();
        state.index.insert(node, n);
        state.low.insert(node, n);
        state.stack.push(node);
        state.on_stack.insert(node);
        for next in state.graph.get(node).into_iter().flat_map(|e| e.keys()) {
            if !state.index.contains_key(next) {
                visit(state, next);
                let low = state.low[node].min(state.low[next]);
                state.low.insert(node, low);
            } else if state.on_stack.contains(next) {
                let low = state.low[node].min(state.index[next]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = Vec::new();
            while let Some(top) = state.stack.pop() {
                state.on_stack.remove(top);
                component.push(top.clone());
                if top == node {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                state.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node) {
            visit(&mut state, node);
        }
    }
    state.found
}

#[test]
fn no_import_circles_between_modules() {
    let root = workspace_root();
    let mut crate_dirs: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .expect("the crates folder")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.join("src").is_dir())
        .collect();
    crate_dirs.sort();
    assert!(
        crate_dirs.len() >= 4,
        "crates not found under {}",
        root.display()
    );

    let mut report = String::new();
    for dir in crate_dirs {
        let krate = Crate::read(&dir);
        let graph = graph(&krate);
        for circle in circles(&graph) {
            let show = |p: &PathBuf| p.strip_prefix(&root).unwrap_or(p).display().to_string();
            report.push_str(&format!(
                "\ncrate {}: a circle of {} files:\n",
                krate.name,
                circle.len()
            ));
            for from in &circle {
                for (to, written) in &graph[from] {
                    if circle.contains(to) {
                        let written: Vec<&str> = written.iter().map(String::as_str).collect();
                        report.push_str(&format!(
                            "  {} -> {}: {}\n",
                            show(from),
                            show(to),
                            written.join(", ")
                        ));
                    }
                }
            }
        }
    }
    assert!(
        report.is_empty(),
        "modules import each other in a circle; move what they share into a module of \
         its own, or turn one dependency around:{report}"
    );
}

#[test]
fn the_reader_sees_uses_paths_and_circles() {
    let krate = Crate {
        name: "example".into(),
        files: [
            (vec![], PathBuf::from("lib.rs")),
            (vec!["a".into()], PathBuf::from("a/mod.rs")),
            (vec!["a".into(), "b".into()], PathBuf::from("a/b.rs")),
            (vec!["c".into()], PathBuf::from("c.rs")),
        ]
        .into_iter()
        .collect(),
    };
    let a: ModPath = vec!["a".into()];
    let source = r#"
        //! crate::c::Not in a comment
        mod b;
        use b::{Thing, other::{self, More}};
        pub(in crate::c) fn f() { let s = "crate::c::not_in_a_string"; crate::c::run(); }
        mod inner { use super::super::c::Helper; }
        #[cfg(test)]
        mod tests { use crate::c::OnlyForTests; }
        #[cfg(test)]
        mod more_tests;
    "#;
    let references = references(&krate, &a, source);
    assert_eq!(
        references.test_modules,
        vec![vec!["a".to_string(), "more_tests".to_string()]]
    );
    let found: Vec<ModPath> = references.paths.into_iter().map(|(path, _)| path).collect();
    let c: ModPath = vec!["c".into()];
    assert!(
        found
            .iter()
            .any(|p| p.starts_with(&["a".into(), "b".into()]))
    );
    assert_eq!(found.iter().filter(|p| p.starts_with(&c)).count(), 2);
    // `super::super` inside `a::inner` is the root.
    assert!(found.contains(&vec!["c".into(), "Helper".into()]));

    let mut graph = Graph::new();
    let edge = |graph: &mut Graph, from: &str, to: &str| {
        graph
            .entry(PathBuf::from(from))
            .or_default()
            .insert(PathBuf::from(to), BTreeSet::new());
    };
    edge(&mut graph, "a.rs", "b.rs");
    edge(&mut graph, "b.rs", "c.rs");
    edge(&mut graph, "c.rs", "a.rs");
    edge(&mut graph, "c.rs", "d.rs");
    assert_eq!(
        circles(&graph),
        vec![vec![
            PathBuf::from("a.rs"),
            PathBuf::from("b.rs"),
            PathBuf::from("c.rs")
        ]]
    );
}
