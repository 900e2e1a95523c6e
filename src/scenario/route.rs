//! The route: which tab the page shows, read from and written to the URL fragment
//! (`#/heartbeats`, `#/checksums?s=…`, `#/lessons/3?embed=1`), so a course can link straight to a
//! tab, a scenario or a lesson from static hosting.

/// A tab of the playground.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    /// Simulated nodes, heartbeats and failure detectors.
    Heartbeats,
    /// Data, digests, corruption and the replicated store.
    Checksums,
    /// The guided lessons.
    Lessons,
}

impl Tab {
    /// Every tab, in the order the header shows them.
    pub const ALL: [Tab; 3] = [Tab::Heartbeats, Tab::Checksums, Tab::Lessons];

    /// The path segment after `#/`.
    pub fn slug(self) -> &'static str {
        match self {
            Tab::Heartbeats => "heartbeats",
            Tab::Checksums => "checksums",
            Tab::Lessons => "lessons",
        }
    }

    /// The label a learner reads.
    pub fn label(self) -> &'static str {
        match self {
            Tab::Heartbeats => "Heartbeats",
            Tab::Checksums => "Checksums",
            Tab::Lessons => "Lessons",
        }
    }

    fn from_slug(slug: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.slug() == slug)
    }
}

/// A parsed URL fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The tab to show.
    pub tab: Tab,
    /// What follows the tab in the path, such as the lesson number in `#/lessons/3`.
    pub sub: Option<String>,
    /// `key=value` pairs after `?`, in order, undecoded.
    pub params: Vec<(String, String)>,
    /// The path that was asked for when it named no tab; the page then shows Heartbeats and says so.
    pub unknown: Option<String>,
}

impl Default for Route {
    fn default() -> Self {
        Route::tab(Tab::Heartbeats)
    }
}

impl Route {
    /// The plain route to a tab.
    pub fn tab(tab: Tab) -> Route {
        Route {
            tab,
            sub: None,
            params: Vec::new(),
            unknown: None,
        }
    }

    /// Reads a fragment such as `#/checksums?s=abc`. Never fails: an empty fragment is the Heartbeats
    /// tab and an unknown path is the Heartbeats tab with [`Route::unknown`] set.
    pub fn parse(fragment: &str) -> Route {
        let body = fragment.strip_prefix('#').unwrap_or(fragment);
        let (path, query) = body.split_once('?').unwrap_or((body, ""));
        let trimmed = path.trim_start_matches('/').trim_end_matches('/');
        let (slug, sub) = match trimmed.split_once('/') {
            Some((a, b)) => (a, Some(b.to_string())),
            None => (trimmed, None),
        };
        let params = query
            .split('&')
            .filter(|kv| !kv.is_empty())
            .map(|kv| match kv.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (kv.to_string(), String::new()),
            })
            .collect();
        match Tab::from_slug(slug) {
            Some(tab) => Route {
                tab,
                sub,
                params,
                unknown: None,
            },
            None if slug.is_empty() => Route {
                tab: Tab::Heartbeats,
                sub: None,
                params,
                unknown: None,
            },
            None => Route {
                tab: Tab::Heartbeats,
                sub: None,
                params,
                unknown: Some(path.to_string()),
            },
        }
    }

    /// Whether the page is embedded (`embed=1`): no header, tabs or footer.
    pub fn embedded(&self) -> bool {
        self.param("embed").is_some_and(|v| v != "0")
    }

    /// Whether the route opens a session of its own: a link (`s`), an imported file, a reset or
    /// the benchmark, rather than the tab's plain session.
    pub fn opens_a_session(&self) -> bool {
        ["s", "import", "reset", "bench"]
            .iter()
            .any(|p| self.param(p).is_some())
    }

    /// The value of the first parameter named `key`.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// This route with parameter `key` set to `value` (added, or replacing the first one).
    pub fn with_param(mut self, key: &str, value: &str) -> Route {
        match self.params.iter_mut().find(|(k, _)| k == key) {
            Some(kv) => kv.1 = value.to_string(),
            None => self.params.push((key.to_string(), value.to_string())),
        }
        self
    }

    /// This route without parameter `key`.
    pub fn without_param(mut self, key: &str) -> Route {
        self.params.retain(|(k, _)| k != key);
        self
    }

    /// The fragment for this route, starting with `#/`. An unknown path is not kept.
    pub fn to_fragment(&self) -> String {
        let mut out = format!("#/{}", self.tab.slug());
        if let Some(sub) = &self.sub {
            out.push('/');
            out.push_str(sub);
        }
        for (i, (k, v)) in self.params.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            out.push_str(k);
            if !v.is_empty() {
                out.push('=');
                out.push_str(v);
            }
        }
        out
    }
}
