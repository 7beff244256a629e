//! The table behind `CreateTable` (`ITableData`) and its views (`IMAPITable`).
//!
//! Rows are identified by the index column given to `CreateTable`: `HrModifyRow` replaces the row with the
//! same index value or appends a new one; the data keeps insertion order. A view shows the rows that pass its
//! restriction, in its sort order (a stable sort over the data order; a row without the sort column sorts
//! before every row that has it), projected on its columns (a column the row lacks is `PT_ERROR` holding
//! `MAPI_E_NOT_FOUND`). The cursor is a position in that list; `Restrict` and `SortTable` move it to the
//! beginning; a row added or removed before the cursor moves it so that it stays on the same row.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::com::mapidefs::*;
use crate::com::{E_INVALIDARG, MAPI_E_NOT_FOUND, SCODE};

use super::compare::{compare, Case};
use super::restriction::Restriction;
use super::value::Prop;

/// The data of a table.
#[derive(Debug, Clone)]
pub struct Table {
    pub index_tag: u32,
    pub columns: Vec<u32>,
    pub table_type: u32,
    rows: Vec<Vec<Prop>>,
}

/// A change to the data, for the views to turn into notifications.
#[derive(Debug, Clone)]
pub enum Change {
    /// One row changed: its values before (None: it is new) and after (None: it was deleted).
    Row {
        before: Option<Vec<Prop>>,
        after: Option<Vec<Prop>>,
    },
    /// Many rows changed at once (`HrModifyRows`, `HrDeleteRows`).
    Reload,
}

impl Table {
    pub fn new(index_tag: u32, columns: Vec<u32>, table_type: u32) -> Table {
        Table {
            index_tag,
            columns,
            table_type,
            rows: Vec::new(),
        }
    }

    pub fn rows(&self) -> &[Vec<Prop>] {
        &self.rows
    }

    /// The row's index value.
    pub fn key<'a>(&self, row: &'a [Prop]) -> Option<&'a Prop> {
        row.iter().find(|p| p.tag == self.index_tag)
    }

    /// The data position of the row whose index value equals `key`.
    pub fn position(&self, key: &Prop) -> Option<usize> {
        if key.tag != self.index_tag {
            return None;
        }
        self.rows.iter().position(|r| {
            self.key(r)
                .is_some_and(|k| compare(&k.value, &key.value, Case::Sensitive).is_eq())
        })
    }

    fn checked(&self, row: &[Prop]) -> Result<Prop, SCODE> {
        self.key(row).cloned().ok_or(E_INVALIDARG)
    }

    /// `HrModifyRow`: replace the row with the same index value, or append it.
    pub fn modify_row(&mut self, row: Vec<Prop>) -> Result<Change, SCODE> {
        let key = self.checked(&row)?;
        Ok(match self.position(&key) {
            Some(i) => {
                let before = std::mem::replace(&mut self.rows[i], row.clone());
                Change::Row {
                    before: Some(before),
                    after: Some(row),
                }
            }
            None => {
                self.rows.push(row.clone());
                Change::Row {
                    before: None,
                    after: Some(row),
                }
            }
        })
    }

    /// `HrInsertRow`: insert a new row at a data position (the end when past it); an existing index value is
    /// `MAPI_E_INVALID_PARAMETER`.
    pub fn insert_row(&mut self, at: usize, row: Vec<Prop>) -> Result<Change, SCODE> {
        let key = self.checked(&row)?;
        if self.position(&key).is_some() {
            return Err(E_INVALIDARG);
        }
        self.rows.insert(at.min(self.rows.len()), row.clone());
        Ok(Change::Row {
            before: None,
            after: Some(row),
        })
    }

    /// `HrDeleteRow`.
    pub fn delete_row(&mut self, key: &Prop) -> Result<Change, SCODE> {
        let i = self.position(key).ok_or(MAPI_E_NOT_FOUND)?;
        Ok(Change::Row {
            before: Some(self.rows.remove(i)),
            after: None,
        })
    }

    /// `HrModifyRows`: optionally empty the table first (`TAD_ALL_ROWS`), then modify each row. Every row is
    /// checked before anything changes.
    pub fn modify_rows(&mut self, all: bool, rows: Vec<Vec<Prop>>) -> Result<Change, SCODE> {
        for r in &rows {
            self.checked(r)?;
        }
        if all {
            self.rows.clear();
        }
        for r in rows {
            self.modify_row(r)?;
        }
        Ok(Change::Reload)
    }

    /// `HrDeleteRows`: everything (`TAD_ALL_ROWS`) or the rows whose index values the given rows hold (absent
    /// ones are skipped); returns how many were deleted.
    pub fn delete_rows(&mut self, all: bool, rows: &[Vec<Prop>]) -> Result<(u32, Change), SCODE> {
        if all {
            let n = self.rows.len() as u32;
            self.rows.clear();
            return Ok((n, Change::Reload));
        }
        let keys: Vec<Prop> = rows
            .iter()
            .map(|r| self.checked(r))
            .collect::<Result<_, _>>()?;
        let mut n = 0;
        for k in &keys {
            if let Some(i) = self.position(k) {
                self.rows.remove(i);
                n += 1;
            }
        }
        Ok((n, Change::Reload))
    }

    /// Every tag any row holds, then the table's columns, without repeats (`QueryColumns(TBL_ALL_COLUMNS)`).
    pub fn all_tags(&self) -> Vec<u32> {
        let mut v: Vec<u32> = self.columns.clone();
        for r in &self.rows {
            for p in r {
                if !p.is_error() && !v.contains(&p.tag) {
                    v.push(p.tag);
                }
            }
        }
        v
    }
}

/// A table event for one view, before it becomes a `NOTIFICATION`.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub kind: u32,
    pub index: Option<Prop>,
    pub prior: Option<Prop>,
    pub row: Vec<Prop>,
}

/// One view's state.
#[derive(Debug, Clone)]
pub struct View {
    pub columns: Vec<u32>,
    pub sort: Vec<SSortOrder>,
    pub restriction: Option<Restriction>,
    pub cursor: usize,
    bookmarks: HashMap<BOOKMARK, usize>,
    next_bookmark: BOOKMARK,
}

fn sort_key(row: &[Prop], tag: u32) -> Option<&Prop> {
    row.iter().find(|p| !p.is_error() && p.answers(tag))
}

/// Check a sort order: no categories, ascending or descending only.
pub fn check_sort(keys: &[SSortOrder], categories: u32) -> Result<(), SCODE> {
    if categories != 0 {
        return Err(MAPI_E_TOO_COMPLEX);
    }
    if keys.iter().any(|k| k.ulOrder > TABLE_SORT_DESCEND) {
        return Err(E_INVALIDARG);
    }
    Ok(())
}

impl View {
    pub fn new(table: &Table, sort: Vec<SSortOrder>) -> View {
        View {
            columns: table.columns.clone(),
            sort,
            restriction: None,
            cursor: 0,
            bookmarks: HashMap::new(),
            next_bookmark: BOOKMARK_END + 1,
        }
    }

    /// The rows the view shows, in order.
    pub fn visible<'a>(&self, table: &'a Table) -> Vec<&'a [Prop]> {
        // Sorted first (a stable sort), then restricted: the same rows in the same order for every kind, and a
        // RES_COUNT counts the rows in the order the view shows them.
        let mut v: Vec<&[Prop]> = table.rows().iter().map(Vec::as_slice).collect();
        if !self.sort.is_empty() {
            v.sort_by(|a, b| self.order(a, b));
        }
        if let Some(res) = &self.restriction {
            res.reset();
            v.retain(|r| res.matches(r));
        }
        v
    }

    fn order(&self, a: &[Prop], b: &[Prop]) -> Ordering {
        for k in &self.sort {
            let o = match (sort_key(a, k.ulPropTag), sort_key(b, k.ulPropTag)) {
                (Some(x), Some(y)) => compare(&x.value, &y.value, Case::Fold),
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            let o = if k.ulOrder == TABLE_SORT_DESCEND {
                o.reverse()
            } else {
                o
            };
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    }

    /// A row as the view's columns show it.
    pub fn project(&self, row: &[Prop]) -> Vec<Prop> {
        self.columns
            .iter()
            .map(|&c| {
                if prop_type(c) == PT_NULL {
                    return Prop::new(c, super::value::Value::Raw(0));
                }
                row.iter()
                    .find(|p| p.answers(c) || (p.is_error() && p.id() == prop_id(c)))
                    .cloned()
                    .unwrap_or_else(|| Prop::error(c, MAPI_E_NOT_FOUND))
            })
            .collect()
    }

    /// `QueryRows`: up to `count` rows from the cursor (backwards for a negative count, returned in table
    /// order), moving the cursor past them unless `no_advance`.
    pub fn query_rows(&mut self, table: &Table, count: i32, no_advance: bool) -> Vec<Vec<Prop>> {
        let vis = self.visible(table);
        let cur = self.cursor.min(vis.len());
        let (from, to) = if count >= 0 {
            (cur, cur.saturating_add(count as usize).min(vis.len()))
        } else {
            (cur.saturating_sub(count.unsigned_abs() as usize), cur)
        };
        let rows = vis[from..to].iter().map(|r| self.project(r)).collect();
        if !no_advance {
            self.cursor = if count >= 0 { to } else { from };
        }
        rows
    }

    /// The position a bookmark stands for.
    fn origin(&self, table: &Table, bk: BOOKMARK) -> Result<usize, SCODE> {
        let n = self.visible(table).len();
        match bk {
            BOOKMARK_BEGINNING => Ok(0),
            BOOKMARK_CURRENT => Ok(self.cursor.min(n)),
            BOOKMARK_END => Ok(n),
            b => self
                .bookmarks
                .get(&b)
                .map(|p| (*p).min(n))
                .ok_or(MAPI_E_INVALID_BOOKMARK),
        }
    }

    /// `SeekRow`: returns the rows actually moved (fewer at either end).
    pub fn seek(&mut self, table: &Table, bk: BOOKMARK, n: i32) -> Result<i32, SCODE> {
        let len = self.visible(table).len() as i64;
        let from = self.origin(table, bk)? as i64;
        let to = (from + n as i64).clamp(0, len);
        self.cursor = to as usize;
        Ok((to - from) as i32)
    }

    /// `SeekRowApprox`.
    pub fn seek_approx(&mut self, table: &Table, num: u32, den: u32) -> Result<(), SCODE> {
        if den == 0 {
            return Err(E_INVALIDARG);
        }
        let len = self.visible(table).len() as u64;
        self.cursor = if num >= den {
            len as usize
        } else {
            (len * num as u64 / den as u64) as usize
        };
        Ok(())
    }

    /// `QueryPosition`: (row, numerator, denominator).
    pub fn position(&self, table: &Table) -> (u32, u32, u32) {
        let len = self.visible(table).len() as u32;
        let cur = (self.cursor as u32).min(len);
        (cur, cur, len.max(1))
    }

    /// `FindRow`: from `bk` forwards (or backwards from the row before it), the first row that matches.
    pub fn find_row(
        &mut self,
        table: &Table,
        res: &Restriction,
        bk: BOOKMARK,
        backward: bool,
    ) -> Result<(), SCODE> {
        let from = self.origin(table, bk)?;
        let vis = self.visible(table);
        res.reset();
        let found = if backward {
            (0..from).rev().find(|&i| res.matches(vis[i]))
        } else {
            (from..vis.len()).find(|&i| res.matches(vis[i]))
        };
        self.cursor = found.ok_or(MAPI_E_NOT_FOUND)?;
        Ok(())
    }

    /// `CreateBookmark`.
    pub fn create_bookmark(&mut self) -> BOOKMARK {
        let b = self.next_bookmark;
        self.next_bookmark += 1;
        self.bookmarks.insert(b, self.cursor);
        b
    }

    /// `FreeBookmark`: the three predefined bookmarks are accepted and do nothing.
    pub fn free_bookmark(&mut self, b: BOOKMARK) -> Result<(), SCODE> {
        if b <= BOOKMARK_END || self.bookmarks.remove(&b).is_some() {
            Ok(())
        } else {
            Err(MAPI_E_INVALID_BOOKMARK)
        }
    }

    /// `Restrict` (None removes the restriction): the cursor goes to the beginning.
    pub fn restrict(&mut self, res: Option<Restriction>) {
        self.restriction = res;
        self.cursor = 0;
    }

    /// `SortTable`: the cursor goes to the beginning.
    pub fn sort_by(&mut self, keys: Vec<SSortOrder>) {
        self.sort = keys;
        self.cursor = 0;
    }

    /// The position of the row with this index value in the view, if shown.
    fn shown_at(&self, table: &Table, vis: &[&[Prop]], key: &Prop) -> Option<usize> {
        vis.iter()
            .position(|r| table.key(r).is_some_and(|k| k.value == key.value))
    }

    /// Where the row with this index value is shown now (call before changing it, for [`View::after`]).
    pub fn shown(&self, table: &Table, key: &Prop) -> Option<usize> {
        self.shown_at(table, &self.visible(table), key)
    }

    /// After a change: keep the cursor on its row and say what the view's sinks are told, if anything.
    pub fn after(
        &mut self,
        table: &Table,
        change: &Change,
        was_at: Option<usize>,
    ) -> Option<Event> {
        let (before, after) = match change {
            Change::Reload => {
                self.cursor = self.cursor.min(self.visible(table).len());
                return Some(Event {
                    kind: TABLE_CHANGED,
                    index: None,
                    prior: None,
                    row: Vec::new(),
                });
            }
            Change::Row { before, after } => (before, after),
        };
        let key = table.key(after.as_deref().or(before.as_deref())?)?.clone();
        let vis = self.visible(table);
        let now_at = self.shown_at(table, &vis, &key);
        if let Some(w) = was_at {
            if w < self.cursor {
                self.cursor -= 1;
            }
        }
        if let Some(n) = now_at {
            if n <= self.cursor {
                self.cursor += 1;
            }
        }
        self.cursor = self.cursor.min(vis.len());
        let kind = match (was_at.is_some(), now_at) {
            (true, Some(_)) => TABLE_ROW_MODIFIED,
            (false, Some(_)) => TABLE_ROW_ADDED,
            (true, None) => TABLE_ROW_DELETED,
            (false, None) => return None,
        };
        let (prior, row) = match now_at {
            Some(n) => (
                n.checked_sub(1).and_then(|p| table.key(vis[p]).cloned()),
                self.project(vis[n]),
            ),
            None => (None, Vec::new()),
        };
        Some(Event {
            kind,
            index: Some(key),
            prior,
            row,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapiutil::value::Value;

    const ID: u32 = prop_tag(PT_LONG, 0x0FFF);
    const NAME: u32 = prop_tag(PT_STRING8, 0x3001);

    fn row(id: i32, name: &str) -> Vec<Prop> {
        vec![
            Prop::new(ID, Value::Long(id)),
            Prop::new(NAME, Value::String8(name.as_bytes().to_vec())),
        ]
    }

    fn table() -> Table {
        let mut t = Table::new(ID, vec![ID, NAME], TBLTYPE_DYNAMIC);
        for (i, n) in [(1, "carol"), (2, "alice"), (3, "Bob")] {
            t.modify_row(row(i, n)).unwrap();
        }
        t
    }

    fn ids(rows: &[Vec<Prop>]) -> Vec<i32> {
        rows.iter()
            .map(|r| match r[0].value {
                Value::Long(l) => l,
                _ => -1,
            })
            .collect()
    }

    #[test]
    fn modify_replaces_by_index_and_delete_finds_it() {
        let mut t = table();
        t.modify_row(row(2, "alicia")).unwrap();
        assert_eq!(t.rows().len(), 3);
        assert_eq!(t.rows()[1][1].value, Value::String8(b"alicia".to_vec()));
        assert!(matches!(
            t.delete_row(&Prop::new(ID, Value::Long(9))),
            Err(MAPI_E_NOT_FOUND)
        ));
        t.delete_row(&Prop::new(ID, Value::Long(1))).unwrap();
        assert_eq!(t.rows().len(), 2);
        assert!(
            t.modify_row(vec![Prop::new(NAME, Value::String8(vec![]))])
                .is_err(),
            "no index column"
        );
        assert!(t.insert_row(0, row(3, "dup")).is_err());
    }

    #[test]
    fn views_sort_restrict_seek_and_page() {
        let t = table();
        let mut v = View::new(&t, vec![]);
        v.sort_by(vec![SSortOrder {
            ulPropTag: NAME,
            ulOrder: TABLE_SORT_ASCEND,
        }]);
        assert_eq!(ids(&v.query_rows(&t, 10, false)), vec![2, 3, 1]);
        v.sort_by(vec![SSortOrder {
            ulPropTag: NAME,
            ulOrder: TABLE_SORT_DESCEND,
        }]);
        assert_eq!(ids(&v.query_rows(&t, 2, false)), vec![1, 3]);
        assert_eq!(ids(&v.query_rows(&t, 2, false)), vec![2]);
        assert!(v.query_rows(&t, 2, false).is_empty());
        assert_eq!(v.seek(&t, BOOKMARK_CURRENT, -5).unwrap(), -3);
        assert_eq!(v.seek(&t, BOOKMARK_END, -1).unwrap(), -1);
        assert_eq!(v.position(&t), (2, 2, 3));
        assert_eq!(ids(&v.query_rows(&t, -2, true)), vec![1, 3]);
        v.restrict(Some(Restriction::Property {
            relop: RELOP_GE,
            tag: ID,
            value: Prop::new(ID, Value::Long(2)),
        }));
        assert_eq!(ids(&v.query_rows(&t, 10, false)), vec![3, 2]);
        v.columns = vec![NAME, prop_tag(PT_LONG, 0x4444)];
        let r = v.query_rows(&t, -1, true);
        assert_eq!(
            r[0][1],
            Prop::error(prop_tag(PT_LONG, 0x4444), MAPI_E_NOT_FOUND)
        );
    }

    #[test]
    fn find_row_and_bookmarks() {
        let t = table();
        let mut v = View::new(&t, vec![]);
        let bob = Restriction::Content {
            fuzzy: FL_IGNORECASE,
            tag: NAME,
            value: Prop::new(NAME, Value::String8(b"bob".to_vec())),
        };
        v.find_row(&t, &bob, BOOKMARK_BEGINNING, false).unwrap();
        assert_eq!(v.cursor, 2);
        let b = v.create_bookmark();
        assert_eq!(
            v.find_row(&t, &bob, BOOKMARK_END, false),
            Err(MAPI_E_NOT_FOUND)
        );
        v.find_row(&t, &bob, BOOKMARK_END, true).unwrap();
        assert_eq!(v.seek(&t, b, -2).unwrap(), -2);
        assert_eq!(v.cursor, 0);
        v.free_bookmark(b).unwrap();
        assert_eq!(v.free_bookmark(b), Err(MAPI_E_INVALID_BOOKMARK));
        assert_eq!(v.seek(&t, b, 0), Err(MAPI_E_INVALID_BOOKMARK));
    }

    #[test]
    fn changes_become_events_for_the_rows_a_view_shows() {
        let mut t = table();
        let mut v = View::new(
            &t,
            vec![SSortOrder {
                ulPropTag: NAME,
                ulOrder: TABLE_SORT_ASCEND,
            }],
        );
        v.restrict(Some(Restriction::Content {
            fuzzy: FL_SUBSTRING,
            tag: NAME,
            value: Prop::new(NAME, Value::String8(b"a".to_vec())),
        }));
        v.cursor = 2; // after alice, carol
                      // A new row "aaron" sorts first: added, no prior, the cursor stays on its row.
        let c = t.modify_row(row(4, "aaron")).unwrap();
        let e = v.after(&t, &c, None).unwrap();
        assert_eq!(e.kind, TABLE_ROW_ADDED);
        assert_eq!(e.prior, None);
        assert_eq!(e.row, row(4, "aaron"));
        assert_eq!(v.cursor, 3);
        // A row the restriction hides: nothing.
        let c = t.modify_row(row(5, "zzz")).unwrap();
        assert_eq!(v.after(&t, &c, None), None);
        assert_eq!(v.cursor, 3);
        // Modified: its prior is the row before it in the view.
        let at = v.shown(&t, &Prop::new(ID, Value::Long(1)));
        let c = t.modify_row(row(1, "carla")).unwrap();
        let e = v.after(&t, &c, at).unwrap();
        assert_eq!(e.kind, TABLE_ROW_MODIFIED);
        assert_eq!(e.prior, Some(Prop::new(ID, Value::Long(2))));
        // Deleted.
        let key = Prop::new(ID, Value::Long(4));
        let at = v.shown(&t, &key);
        let c = t.delete_row(&key).unwrap();
        let e = v.after(&t, &c, at).unwrap();
        assert_eq!((e.kind, e.index), (TABLE_ROW_DELETED, Some(key)));
        assert_eq!(v.cursor, 2);
    }
}
