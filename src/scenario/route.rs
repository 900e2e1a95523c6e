//! The route: which tab the page shows, read from and written to the URL fragment
//! (`#/heartbeats`, `#/checksums?s=…`), so a course can link straight to a tab from static hosting.

/// A tab of the playground.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    /// Simulated nodes, heartbeats and failure detectors.
    Heartbeats,
    /// Data, digests, corruption and the replicated store.
    Checksums,
}

impl Tab {
    /// Every tab, in the order the header shows them.
    pub const ALL: [Tab; 2] = [Tab::Heartbeats, Tab::Checksums];

    /// The path segment after `#/`.
    pub fn slug(self) -> &'static str {
        match self {
            Tab::Heartbeats => "heartbeats",
            Tab::Checksums => "checksums",
        }
    }

    /// The label a learner reads.
    pub fn label(self) -> &'static str {
        match self {
            Tab::Heartbeats => "Heartbeats",
            Tab::Checksums => "Checksums",
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
            params: Vec::new(),
            unknown: None,
        }
    }

    /// Reads a fragment such as `#/checksums?s=abc`. Never fails: an empty fragment is the Heartbeats
    /// tab and an unknown path is the Heartbeats tab with [`Route::unknown`] set.
    pub fn parse(fragment: &str) -> Route {
        let body = fragment.strip_prefix('#').unwrap_or(fragment);
        let (path, query) = match body.split_once('?') {
            Some((p, q)) => (p, q),
            None => (body, ""),
        };
        let slug = path.trim_start_matches('/').trim_end_matches('/');
        let params = query
            .split('&')
            .filter(|kv| !kv.is_empty())
            .map(|kv| match kv.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (kv.to_string(), String::new()),
            })
            .collect();
        match (slug.is_empty(), Tab::from_slug(slug)) {
            (_, Some(tab)) => Route {
                tab,
                params,
                unknown: None,
            },
            (true, None) => Route {
                tab: Tab::Heartbeats,
                params,
                unknown: None,
            },
            (false, None) => Route {
                tab: Tab::Heartbeats,
                params,
                unknown: Some(path.to_string()),
            },
        }
    }

    /// The value of the first parameter named `key`.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The fragment for this route, starting with `#/`. An unknown path is not kept.
    pub fn to_fragment(&self) -> String {
        let mut out = format!("#/{}", self.tab.slug());
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
