/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "rc-core.h"
#include "rc-test-util.h"

/* RcClientList: the store's clients as a GListModel that reads each one
 * only when asked for its row. Every check compares it with the store's
 * own rc_store_search_clients(). */

typedef struct
{
  const char *code;
  const char *given;
  const char *family;
} Person;

static const Person people[] = {
  { "RC-000001", "Anna", "Zielinski" },
  { "RC-000002", "Bruno", "Andersen" },
  { "RC-000003", "Claire", "Moreau" },
  { "RC-000004", "Anne", "Moreau" },
  { "RC-000005", "Dmitri", "Ivanov" },
  { "RC-000006", "Eve", "Carter" },
};

typedef struct
{
  char    *tmpdir;
  char    *path;
  RcStore *store;
} Fixture;

typedef struct
{
  guint n_emissions;
  guint position;
  guint removed;
  guint added;
} Changes;

static void
items_changed_cb (GListModel *model G_GNUC_UNUSED,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n_emissions++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static void
count_notify_cb (GObject    *object G_GNUC_UNUSED,
                 GParamSpec *pspec G_GNUC_UNUSED,
                 guint      *count)
{
  (*count)++;
}

static void
save (RcStore  *store,
      RcClient *client)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rc_store_save_client (store, client, &error));
  g_assert_no_error (error);
}

static RcClient *
add_client (RcStore    *store,
            const char *code,
            const char *given,
            const char *family)
{
  RcClient *client = rc_test_make_client (code, given, family);

  save (store, client);
  return client;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data G_GNUC_UNUSED)
{
  fixture->tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (fixture->tmpdir);
  fixture->path = g_build_filename (fixture->tmpdir, "clients.db", NULL);
  fixture->store = rc_test_open_store (fixture->path);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    g_object_unref (add_client (fixture->store, people[i].code, people[i].given,
                                people[i].family));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data G_GNUC_UNUSED)
{
  g_assert_finalize_object (fixture->store);
  g_free (fixture->path);
  rc_test_tmpdir_free (fixture->tmpdir);
}

static void
add_demo_clients (Fixture *fixture,
                  guint    n_clients)
{
  RcInstrumentCatalog *catalog = rc_store_get_catalog (fixture->store);
  g_autoptr(GError) error = NULL;

  g_assert_true (rc_demo_generate (fixture->store, rc_instrument_catalog_get_default (catalog),
                                   n_clients, 17, &error));
  g_assert_no_error (error);
}

static guint
get_n_items_property (RcClientList *list)
{
  guint n_items;

  g_object_get (list, "n-items", &n_items, NULL);
  return n_items;
}

/* Fails unless @list shows exactly what the store finds for @text, in order. */
static void
assert_matches_store (RcClientList *list,
                      RcStore      *store,
                      const char   *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = rc_store_search_clients (store, text, &error);
  g_autoptr(GArray) ids = rc_store_search_client_ids (store, text, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
  g_assert_cmpuint (get_n_items_property (list), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(RcClient) client = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (RC_IS_CLIENT (client));
      rc_test_assert_clients_equal (client, g_ptr_array_index (expected, i));
      g_assert_cmpuint (rc_client_get_n_assessments (client), ==,
                        rc_client_get_n_assessments (g_ptr_array_index (expected, i)));
      g_assert_cmpint (rc_client_list_get_id (list, i), ==, g_array_index (ids, gint64, i));
    }
}

static void
test_order (Fixture       *fixture,
            gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(RcClientList) list = NULL;
  g_autoptr(RcClient) first = NULL;
  guint n_items;

  add_demo_clients (fixture, 300);
  list = rc_client_list_new (fixture->store);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == RC_TYPE_CLIENT);
  g_assert_true (rc_client_list_get_store (list) == fixture->store);
  g_assert_cmpstr (rc_client_list_get_search (list), ==, "");
  assert_matches_store (list, fixture->store, NULL);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n_items, ==, G_N_ELEMENTS (people) + 300);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n_items));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), G_MAXUINT));
  g_assert_cmpint (rc_client_list_get_id (list, n_items), ==, 0);

  /* Found by UUID or by clinic code alike. */
  first = rc_store_find_client (fixture->store, "RC-000002", NULL);
  g_assert_nonnull (first);
  g_assert_cmpuint (rc_client_list_find (list, rc_client_get_uuid (first)), <, n_items);
  g_assert_cmpuint (rc_client_list_find (list, "RC-000002"), ==,
                    rc_client_list_find (list, rc_client_get_uuid (first)));
  g_assert_cmpuint (rc_client_list_find (list, "no-such-client"), ==, G_MAXUINT);
}

/* The clinic codes of @list's rows, in order, separated by spaces. */
static char *
dup_codes (RcClientList *list)
{
  GString *codes = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(RcClient) client = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_string_append_printf (codes, "%s%s", i > 0 ? " " : "", rc_client_get_clinic_code (client));
    }
  return g_string_free (codes, FALSE);
}

static void
assert_codes (RcClientList *list,
              const char   *expected)
{
  g_autofree char *codes = dup_codes (list);

  g_assert_cmpstr (codes, ==, expected);
}

/* Fails unless @list shows the ids the store lists for its search in its order. */
static void
assert_ids_match_store (RcClientList *list,
                        RcStore      *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rc_store_list_client_ids (store, rc_client_list_get_search (list),
                                                    rc_client_list_get_order (list), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (rc_client_list_get_id (list, i), ==, g_array_index (ids, gint64, i));
}

/* Privacy mode lists by clinic code, so that a row's position does not
 * tell where a name falls in the alphabet. Codes compare as SQLite's
 * NOCASE collation does: ASCII letters without case, the rest byte by
 * byte, so "rc-10" comes before "RC-2" and "RC-2" before "rc-3". */
static void
test_code_order (Fixture       *fixture,
                 gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(RcClientList) list = NULL;
  g_autoptr(RcClient) upper = rc_test_make_client ("RC-2", "Yusuf", "Young");
  g_autoptr(RcClient) lower = rc_test_make_client ("rc-3", "Aaron", "Abbott");
  g_autoptr(RcClient) late = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0, };
  guint n_all = G_N_ELEMENTS (people) + 5;

  rc_client_set_uuid (upper, "00000000-0000-4000-8000-000000000002");
  rc_client_set_uuid (lower, "00000000-0000-4000-8000-000000000001");
  save (fixture->store, upper);
  save (fixture->store, lower);
  g_object_unref (add_client (fixture->store, "rc-10", "Zora", "Zeller"));
  g_object_unref (add_client (fixture->store, "b-1", "Bea", "Brandt"));
  g_object_unref (add_client (fixture->store, "ZZ-1", "Adam", "Aalto"));

  list = rc_client_list_new (fixture->store);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_cmpint (rc_client_list_get_order (list), ==, RC_CLIENT_ORDER_NAME);
  assert_codes (list, "ZZ-1 rc-3 RC-000002 b-1 RC-000006 RC-000005 RC-000004 RC-000003 "
                      "RC-2 rc-10 RC-000001");

  g_assert_true (rc_client_list_set_order (list, RC_CLIENT_ORDER_CODE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rc_client_list_get_order (list), ==, RC_CLIENT_ORDER_CODE);
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, n_all);
  g_assert_cmpuint (changes.added, ==, n_all);
  assert_codes (list, "b-1 RC-000001 RC-000002 RC-000003 RC-000004 RC-000005 RC-000006 "
                      "rc-10 RC-2 rc-3 ZZ-1");
  assert_ids_match_store (list, fixture->store);

  /* The same order again: nothing to tell. */
  g_assert_true (rc_client_list_set_order (list, RC_CLIENT_ORDER_CODE, &error));
  g_assert_cmpuint (changes.n_emissions, ==, 1);

  /* A search keeps the order: Claire Moreau before Anne Moreau. */
  g_assert_true (rc_client_list_set_search (list, "moreau", &error));
  g_assert_no_error (error);
  assert_codes (list, "RC-000003 RC-000004");
  g_assert_true (rc_client_list_set_search (list, "rc", &error));
  assert_codes (list, "RC-000001 RC-000002 RC-000003 RC-000004 RC-000005 RC-000006 "
                      "rc-10 RC-2 rc-3");
  assert_ids_match_store (list, fixture->store);
  g_assert_cmpuint (rc_client_list_find (list, "rc-10"), ==, 6);
  g_assert_cmpuint (rc_client_list_find (list, rc_client_get_uuid (upper)), ==, 7);
  g_assert_cmpuint (rc_client_list_find (list, "ZZ-1"), ==, G_MAXUINT);

  /* A new client appears at its code, not at its name. */
  late = add_client (fixture->store, "RC-000007", "Aaron", "Aardvark");
  g_assert_true (rc_client_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.position, ==, 6);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (rc_client_list_find (list, rc_client_get_uuid (late)), ==, 6);
  assert_ids_match_store (list, fixture->store);

  /* Back to names, keeping the search, in one emission. */
  changes.n_emissions = 0;
  g_assert_true (rc_client_list_set_order (list, RC_CLIENT_ORDER_NAME, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rc_client_list_get_order (list), ==, RC_CLIENT_ORDER_NAME);
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpstr (rc_client_list_get_search (list), ==, "rc");
  assert_matches_store (list, fixture->store, "rc");
  g_assert_true (rc_client_list_set_search (list, NULL, &error));
  assert_matches_store (list, fixture->store, NULL);
  g_assert_cmpuint (rc_client_list_find (list, "ZZ-1"), ==, 0);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(RcClientList) list = rc_client_list_new (fixture->store);
  g_autoptr(GError) error = NULL;
  Changes changes = { 0, };
  guint n_search_notifies = 0, n_items_notifies = 0;
  guint n_all = G_N_ELEMENTS (people);
  g_autofree char *search = NULL;

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_signal_connect (list, "notify::search", G_CALLBACK (count_notify_cb), &n_search_notifies);
  g_signal_connect (list, "notify::n-items", G_CALLBACK (count_notify_cb), &n_items_notifies);

  /* Anna Zielinski and Anne Moreau. */
  g_assert_true (rc_client_list_set_search (list, "ann", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, n_all);
  g_assert_cmpuint (changes.added, ==, 2);
  g_assert_cmpuint (n_search_notifies, ==, 1);
  g_assert_cmpuint (n_items_notifies, ==, 1);
  g_assert_cmpstr (rc_client_list_get_search (list), ==, "ann");
  assert_matches_store (list, fixture->store, "ann");

  /* Another text with the same result: nothing to tell the view. */
  g_assert_true (rc_client_list_set_search (list, "ANN", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (n_search_notifies, ==, 2);
  g_assert_cmpuint (n_items_notifies, ==, 1);
  g_assert_true (rc_client_list_set_search (list, "ANN", &error));
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (n_search_notifies, ==, 2);

  /* Same count, other clients: one emission, n-items unchanged. */
  g_assert_true (rc_client_list_set_search (list, "moreau", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_emissions, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 2);
  g_assert_cmpuint (changes.added, ==, 2);
  g_assert_cmpuint (n_items_notifies, ==, 1);
  assert_matches_store (list, fixture->store, "moreau");

  g_assert_true (rc_client_list_set_search (list, "nobody", &error));
  g_assert_cmpuint (changes.n_emissions, ==, 3);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (get_n_items_property (list), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));

  /* The empty search shows everyone again; so does NULL, unchanged. */
  g_assert_true (rc_client_list_set_search (list, "", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_emissions, ==, 4);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, n_all);
  assert_matches_store (list, fixture->store, NULL);
  g_assert_true (rc_client_list_set_search (list, NULL, &error));
  g_assert_cmpuint (changes.n_emissions, ==, 4);
  g_assert_cmpstr (rc_client_list_get_search (list), ==, "");

  /* The property, as a search entry would set it. */
  g_object_set (list, "search", "ivanov", NULL);
  g_object_get (list, "search", &search, NULL);
  g_assert_cmpstr (search, ==, "ivanov");
  g_assert_cmpuint (changes.n_emissions, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

static void
test_reload (Fixture       *fixture,
             gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(RcClientList) list = rc_client_list_new (fixture->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) created = NULL;
  g_autoptr(RcClient) shown = NULL;
  g_autoptr(RcClient) edited = NULL;
  g_autoptr(RcClient) before_first = NULL;
  g_autoptr(RcClient) before_last = NULL;
  g_autoptr(RcClient) after_first = NULL;
  g_autoptr(RcClient) after_last = NULL;
  g_autoptr(RcClient) other = NULL;
  Changes changes = { 0, };
  guint n_items_notifies = 0;
  guint n_all = G_N_ELEMENTS (people);
  guint position;

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_signal_connect (list, "notify::n-items", G_CALLBACK (count_notify_cb), &n_items_notifies);

  /* Nothing changed: nothing to tell. */
  g_assert_true (rc_client_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_emissions, ==, 0);

  /* Andersen, Carter, Ivanov, Moreau Anne, Moreau Claire, Zielinski:
   * Dupont goes between Carter and Ivanov. */
  before_first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  before_last = g_list_model_get_item (G_LIST_MODEL (list), n_all - 1);
  created = add_client (fixture->store, "RC-000007", "Fleur", "Dupont");
  g_assert_true (rc_client_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (n_items_notifies, ==, 1);
  assert_matches_store (list, fixture->store, NULL);

  position = rc_client_list_find (list, rc_client_get_uuid (created));
  g_assert_cmpuint (position, ==, 2);
  shown = g_list_model_get_item (G_LIST_MODEL (list), position);
  g_assert_cmpstr (rc_client_get_family_name (shown), ==, "Dupont");

  /* The rows around it kept their objects. */
  after_first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  after_last = g_list_model_get_item (G_LIST_MODEL (list), n_all);
  g_assert_true (after_first == before_first);
  g_assert_true (after_last == before_last);

  /* A change that keeps the order: just that row. */
  edited = rc_store_find_client (fixture->store, "RC-000005", &error);
  g_assert_no_error (error);
  position = rc_client_list_find (list, "RC-000005");
  g_assert_cmpuint (position, ==, 3);
  g_clear_object (&shown);
  shown = g_list_model_get_item (G_LIST_MODEL (list), position);
  rc_client_set_birth_date (edited, "1980-02-29");
  save (fixture->store, edited);
  g_assert_true (rc_client_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_emissions, ==, 2);
  g_assert_cmpuint (changes.position, ==, 3);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (n_items_notifies, ==, 1);
  g_clear_object (&shown);
  shown = g_list_model_get_item (G_LIST_MODEL (list), position);
  g_assert_cmpstr (rc_client_get_birth_date (shown), ==, "1980-02-29");

  /* A change of name that moves a client: Ivanov becomes Aalto, first. */
  rc_client_set_family_name (edited, "Aalto");
  save (fixture->store, edited);
  g_assert_true (rc_client_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_emissions, ==, 3);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 4);
  g_assert_cmpuint (changes.added, ==, 4);
  assert_matches_store (list, fixture->store, NULL);
  g_assert_cmpuint (rc_client_list_find (list, "RC-000005"), ==, 0);

  /* Under a search, a new match appears in its place, others do not. */
  g_assert_true (rc_client_list_set_search (list, "moreau", &error));
  g_assert_cmpuint (changes.n_emissions, ==, 4);
  other = add_client (fixture->store, "RC-000008", "Zoe", "Moreau");
  g_object_unref (add_client (fixture->store, "RC-000009", "Zoe", "Martin"));
  g_assert_true (rc_client_list_reload (list, &error));
  g_assert_cmpuint (changes.n_emissions, ==, 5);
  g_assert_cmpuint (changes.position, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  assert_matches_store (list, fixture->store, "moreau");
  g_assert_cmpuint (rc_client_list_find (list, rc_client_get_uuid (other)), ==, 2);
  g_assert_cmpuint (rc_client_list_find (list, "RC-000009"), ==, G_MAXUINT);
}

/* Another program removes a client the list has not read yet: its row
 * gives a placeholder, and the list drops the row once the main loop is
 * idle. */
static void
test_deleted (Fixture       *fixture,
              gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(RcClientList) list = rc_client_list_new (fixture->store);
  g_autoptr(RcClient) placeholder = NULL;
  g_autoptr(RcClient) again = NULL;
  g_autofree char *sql = NULL;
  Changes changes = { 0, };
  guint n_all = G_N_ELEMENTS (people);

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* Row 2 is Ivanov. */
  sql = g_strdup_printf ("DELETE FROM client_term WHERE client_id = %" G_GINT64_FORMAT ";"
                         "DELETE FROM client WHERE id = %" G_GINT64_FORMAT ";",
                         rc_client_list_get_id (list, 2), rc_client_list_get_id (list, 2));
  rc_test_sqlite_exec (fixture->path, sql);

  placeholder = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_true (RC_IS_CLIENT (placeholder));
  g_assert_null (rc_client_get_clinic_code (placeholder));
  again = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_true (again == placeholder);
  g_assert_cmpuint (changes.n_emissions, ==, 0);

  while (changes.n_emissions == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changes.position, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_all - 1);
  g_assert_cmpuint (rc_client_list_find (list, "RC-000005"), ==, G_MAXUINT);
  assert_matches_store (list, fixture->store, NULL);
  g_assert_false (g_main_context_pending (NULL));
}

static void
clear_weak_pointers (GPtrArray *pointers)
{
  for (guint i = 0; i < pointers->len; i++)
    if (pointers->pdata[i] != NULL)
      g_object_remove_weak_pointer (pointers->pdata[i], &pointers->pdata[i]);
}

static guint
count_alive (GPtrArray *pointers)
{
  guint alive = 0;

  for (guint i = 0; i < pointers->len; i++)
    if (pointers->pdata[i] != NULL)
      alive++;
  return alive;
}

/* Clients are read when asked for, kept while their rows are likely on
 * screen, and let go otherwise; the list holds ids, not clients. */
static void
test_cache (Fixture       *fixture,
            gconstpointer  data G_GNUC_UNUSED)
{
  const guint n_clients = 2000;
  g_autoptr(RcClientList) list = NULL;
  g_autoptr(GPtrArray) weak = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) a = NULL;
  g_autoptr(RcClient) b = NULL;
  guint n_items, alive;

  g_assert_true (rc_store_begin (fixture->store, &error));
  for (guint i = 0; i < n_clients; i++)
    {
      g_autofree char *code = g_strdup_printf ("LC-%06u", i);
      g_autofree char *family = g_strdup_printf ("Family%04u", (i * 7919) % n_clients);
      g_autoptr(RcClient) client = rc_test_make_client (code, "Given", family);

      save (fixture->store, client);
    }
  g_assert_true (rc_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  list = rc_client_list_new (fixture->store);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n_items, ==, n_clients + G_N_ELEMENTS (people));

  /* The same row twice is the same object. */
  a = g_list_model_get_item (G_LIST_MODEL (list), 1234);
  b = g_list_model_get_item (G_LIST_MODEL (list), 1234);
  g_assert_true (a == b);
  g_clear_object (&a);
  g_clear_object (&b);

  /* Scrolling through everything keeps only a bounded number alive. */
  g_ptr_array_set_size (weak, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RcClient) client = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (RC_IS_CLIENT (client));
      if (i > 0)
        {
          g_autoptr(RcClient) previous = g_list_model_get_item (G_LIST_MODEL (list), i - 1);

          g_assert_true (previous == weak->pdata[i - 1]);
          g_assert_cmpstr (rc_client_get_family_name (previous), <=,
                           rc_client_get_family_name (client));
        }
      weak->pdata[i] = client;
      g_object_add_weak_pointer (G_OBJECT (client), &weak->pdata[i]);
    }
  alive = count_alive (weak);
  g_test_message ("%u of %u clients cached", alive, n_items);
  g_assert_cmpuint (alive, >, 0);
  g_assert_cmpuint (alive, <=, 1024);
  g_assert_nonnull (weak->pdata[n_items - 1]);

  /* A new result lets go of every client read for the old one. */
  g_assert_true (rc_client_list_set_search (list, "LC-000042", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (count_alive (weak), ==, 0);
  clear_weak_pointers (weak);
}

/* Nothing outlives the list but what the caller holds. */
static void
test_finalize (Fixture       *fixture,
               gconstpointer  data G_GNUC_UNUSED)
{
  RcClientList *list = rc_client_list_new (fixture->store);
  g_autoptr(GPtrArray) weak = g_ptr_array_new ();
  g_autoptr(RcClient) held = NULL;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_ptr_array_set_size (weak, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RcClient) client = g_list_model_get_item (G_LIST_MODEL (list), i);

      weak->pdata[i] = client;
      g_object_add_weak_pointer (G_OBJECT (client), &weak->pdata[i]);
    }
  held = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpuint (count_alive (weak), ==, n_items);

  g_assert_finalize_object (list);
  g_assert_cmpuint (count_alive (weak), ==, 1);
  g_assert_true (weak->pdata[0] == held);
  g_assert_finalize_object (g_steal_pointer (&held));
  g_assert_null (weak->pdata[0]);
}

/* A window's list starts with its first screen of rows, in either
 * order, and the rest are appended to them; finding a client past them,
 * searching or reloading lists them all first. */
static void
test_first_rows (Fixture       *fixture,
                 gconstpointer  data G_GNUC_UNUSED)
{
  RcClientOrder orders[] = { RC_CLIENT_ORDER_NAME, RC_CLIENT_ORDER_CODE };
  g_autoptr(GError) error = NULL;

  add_demo_clients (fixture, 100);
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autoptr(RcClientList) list = rc_client_list_new_first_rows (fixture->store, orders[i],
                                                                    10);
      g_autoptr(GArray) all = rc_store_list_client_ids (fixture->store, NULL, orders[i], &error);
      g_autoptr(RcClient) last = NULL;
      Changes changes = { 0 };
      guint n_notified = 0;

      g_assert_no_error (error);
      g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (people) + 100);
      g_assert_false (rc_client_list_is_complete (list));
      g_assert_cmpint (rc_client_list_get_order (list), ==, orders[i]);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10);
      for (guint row = 0; row < 10; row++)
        g_assert_cmpint (rc_client_list_get_id (list, row), ==, g_array_index (all, gint64, row));

      g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);
      g_signal_connect (list, "notify::n-items", G_CALLBACK (count_notify_cb), &n_notified);
      g_assert_true (rc_client_list_complete (list, &error));
      g_assert_no_error (error);
      g_assert_true (rc_client_list_is_complete (list));
      g_assert_cmpuint (changes.n_emissions, ==, 1);
      g_assert_cmpuint (changes.position, ==, 10);
      g_assert_cmpuint (changes.removed, ==, 0);
      g_assert_cmpuint (changes.added, ==, all->len - 10);
      g_assert_cmpuint (n_notified, ==, 1);
      assert_ids_match_store (list, fixture->store);
      /* Complete already: nothing more. */
      g_assert_true (rc_client_list_complete (list, &error));
      g_assert_cmpuint (changes.n_emissions, ==, 1);
      g_clear_object (&list);

      /* The last client is not among the first rows. */
      list = rc_client_list_new_first_rows (fixture->store, orders[i], 10);
      last = rc_store_load_client (fixture->store, g_array_index (all, gint64, all->len - 1),
                                   &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rc_client_list_find (list, rc_client_get_uuid (last)), ==, all->len - 1);
      g_assert_true (rc_client_list_is_complete (list));
      g_clear_object (&list);

      list = rc_client_list_new_first_rows (fixture->store, orders[i], 10);
      g_assert_true (rc_client_list_set_search (list, "RC-000003", &error));
      g_assert_no_error (error);
      g_assert_true (rc_client_list_is_complete (list));
      assert_ids_match_store (list, fixture->store);
      g_assert_true (rc_client_list_set_search (list, "", &error));
      assert_ids_match_store (list, fixture->store);
      g_clear_object (&list);

      list = rc_client_list_new_first_rows (fixture->store, orders[i], 10);
      g_assert_true (rc_client_list_reload (list, &error));
      g_assert_no_error (error);
      g_assert_true (rc_client_list_is_complete (list));
      assert_ids_match_store (list, fixture->store);
    }

  /* As many rows as there are clients, or more: complete at once. */
  {
    g_autoptr(RcClientList) list = rc_client_list_new_first_rows (fixture->store,
                                                                  RC_CLIENT_ORDER_NAME, 1000);

    g_assert_true (rc_client_list_is_complete (list));
    assert_ids_match_store (list, fixture->store);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/client-list/order", Fixture, NULL, fixture_set_up, test_order, fixture_tear_down);
  g_test_add ("/client-list/search", Fixture, NULL, fixture_set_up, test_search,
              fixture_tear_down);
  g_test_add ("/client-list/code-order", Fixture, NULL, fixture_set_up, test_code_order,
              fixture_tear_down);
  g_test_add ("/client-list/reload", Fixture, NULL, fixture_set_up, test_reload,
              fixture_tear_down);
  g_test_add ("/client-list/deleted", Fixture, NULL, fixture_set_up, test_deleted,
              fixture_tear_down);
  g_test_add ("/client-list/cache", Fixture, NULL, fixture_set_up, test_cache, fixture_tear_down);
  g_test_add ("/client-list/finalize", Fixture, NULL, fixture_set_up, test_finalize,
              fixture_tear_down);
  g_test_add ("/client-list/first-rows", Fixture, NULL, fixture_set_up, test_first_rows,
              fixture_tear_down);

  return g_test_run ();
}
