/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rc-backups-window.h"
#include "rc-client-page.h"
#include "rc-compare-view.h"
#include "rc-new-client-dialog.h"
#include "rc-report.h"
#include "rc-test-ui.h"
#include "rc-test-util.h"

/* Each main view in the language of $LANGUAGE (es or fr), with the
 * build's compiled catalogues ($RC_LOCALEDIR) and the instrument's own
 * texts in that language: found on screen, the English nowhere, and a
 * screenshot of each, named after the language, for a person to read. */

/* What a view shows in one language; the English it must not show is
 * in the tests themselves. */
typedef struct
{
  const char *language;
  const char *clients;             /* the sidebar's title */
  const char *choose_client;       /* the empty content pane */
  const char *assessments;         /* the client page's group */
  const char *new_assessment;
  const char *factor;              /* the instrument's "family" factor */
  const char *assessment;          /* the editor's first group */
  const char *saved_as_you_go;
  const char *compare_profiles;
  const char *change_by_factor;
  const char *new_client;          /* the dialog's title */
  const char *given_name;
  const char *required;
  const char *backups;             /* the window's title */
  const char *daily;
  const char *restore;
  const char *no_clients_yet;
  const char *import_heading;      /* "Import %s?" before the file's name */
  const char *import_response;
  const char *report_title;
  const char *report_change_by_factor;
} Language;

static const Language languages[] = {
  {
    .language = "es",
    .clients = "Personas usuarias",
    .choose_client = "Elija una persona usuaria o registre una nueva",
    .assessments = "Evaluaciones",
    .new_assessment = "Nueva evaluación",
    .factor = "Implicación familiar",
    .assessment = "Evaluación",
    .saved_as_you_go = "Los cambios se guardan sobre la marcha",
    .compare_profiles = "Comparar perfiles",
    .change_by_factor = "Cambio por factor",
    .new_client = "Nueva persona usuaria",
    .given_name = "Nombre *",
    .required = "Los campos marcados con * son obligatorios.",
    .backups = "Copias de seguridad",
    .daily = "Diaria",
    .restore = "_Restaurar…",
    .no_clients_yet = "Aún no hay personas usuarias",
    .import_heading = "¿Importar ",
    .import_response = "_Importar",
    .report_title = "Perfil de capital de recuperación",
    .report_change_by_factor = "Cambio por factor",
  },
  {
    .language = "fr",
    .clients = "Personnes accompagnées",
    .choose_client = "Choisissez une personne accompagnée, ou ajoutez-en une nouvelle",
    .assessments = "Évaluations",
    .new_assessment = "Nouvelle évaluation",
    .factor = "Implication familiale",
    .assessment = "Évaluation",
    .saved_as_you_go = "Les modifications sont enregistrées au fur et à mesure",
    .compare_profiles = "Comparer les profils",
    .change_by_factor = "Évolution par domaine",
    .new_client = "Nouvelle personne",
    .given_name = "Prénom *",
    .required = "Les champs marqués d’un * sont obligatoires.",
    .backups = "Sauvegardes",
    .daily = "Quotidienne",
    .restore = "_Restaurer…",
    .no_clients_yet = "Aucune personne accompagnée pour l’instant",
    .import_heading = "Importer ",
    .import_response = "_Importer",
    .report_title = "Profil du capital de rétablissement",
    .report_change_by_factor = "Évolution par domaine",
  },
};

static char *tmpdir;
static const Language *lang;

/* The screenshot's file name: the language, then @view. */
static void
screenshot (GtkWidget  *widget,
            const char *view)
{
  g_autofree char *name = g_strdup_printf ("%s-%s.png", lang->language, view);

  rc_test_ui_screenshot (widget, name);
}

/* A text missing or shown in English fails the test, and the test goes
 * on, so that one run tells every text that is wrong and takes every
 * screenshot. */
static void
assert_shows (GtkWidget  *widget,
              const char *text)
{
  if (rc_test_ui_find_label (widget, text) == NULL)
    g_test_fail_printf ("“%s” is not shown", text);
}

/* @english is what shows when the catalogue was not found or the text
 * is not translated. */
static void
assert_hides (GtkWidget  *widget,
              const char *english)
{
  if (rc_test_ui_find_label (widget, english) != NULL)
    g_test_fail_printf ("“%s” is shown in English", english);
}

/* No text shown inside @widget is cut short with an ellipsis. */
static void
assert_nothing_cut (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_test_fail_printf ("“%s” is cut short", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_nothing_cut (child);
}

/* As a phone shows it. */
static void
narrow_window (RcWindow *window)
{
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  rc_test_ui_wait (300);
}

/* A window on @name, a demo database of 30 clients, at a laptop's size. */
static RcWindow *
start_with_demo_data (const char      *name,
                      RcApplication  **application)
{
  g_autofree char *database = rc_test_make_demo_database (tmpdir, name, 30, 11);

  return rc_test_ui_start_at_laptop_size (database, application);
}

static GtkWidget *
client_page (RcWindow *window)
{
  GtkWidget *page = rc_test_ui_find_descendant (GTK_WIDGET (window), RC_TYPE_CLIENT_PAGE, 0);

  g_assert_nonnull (page);
  return page;
}

/* The compiled catalogue the test reads; without it everything shows in
 * English and every other test fails. */
static void
test_catalogue (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("RC_LOCALEDIR"), lang->language,
                                            "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  g_test_message ("catalogue: %s", path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_clients (void)
{
  RcApplication *application;
  RcWindow *window = start_with_demo_data ("clients.db", &application);

  g_assert_cmpstr (rc_window_get_view (window), ==, "welcome");
  assert_shows (GTK_WIDGET (window), lang->clients);
  assert_shows (GTK_WIDGET (window), lang->choose_client);
  assert_hides (GTK_WIDGET (window), "Clients");
  assert_hides (GTK_WIDGET (window), "Choose a client");
  screenshot (GTK_WIDGET (window), "clients");
  rc_test_ui_stop (application);
}

static void
test_client (void)
{
  RcApplication *application;
  RcWindow *window = start_with_demo_data ("client.db", &application);
  g_autoptr(RcClient) client = rc_test_ui_client_to_compare (window, NULL);

  g_assert_true (rc_window_open_client (window, client));
  rc_test_ui_wait (200);
  assert_shows (GTK_WIDGET (window), lang->assessments);
  assert_shows (GTK_WIDGET (window), lang->new_assessment);
  assert_hides (GTK_WIDGET (window), "Assessments");
  assert_hides (GTK_WIDGET (window), "New Assessment");
  assert_hides (GTK_WIDGET (window), "Clinic code");
  screenshot (GTK_WIDGET (window), "client");

  /* At 360 px the headings keep their width: beside the buttons they
   * were cut to a letter or two in both languages. */
  narrow_window (window);
  screenshot (GTK_WIDGET (window), "client-narrow");
  assert_nothing_cut (client_page (window));
  rc_test_ui_stop (application);
}

/* A new assessment: the factors' titles, descriptions and levels are the
 * instrument's own texts in the language; then at 360 px, and dark. */
static void
test_editor (void)
{
  RcApplication *application;
  RcWindow *window = start_with_demo_data ("editor.db", &application);
  g_autoptr(RcClient) client = g_list_model_get_item (rc_window_get_clients (window), 0);

  g_assert_true (rc_window_open_client (window, client));
  rc_test_ui_wait (200);
  g_assert_true (gtk_widget_activate_action (client_page (window), "page.new-assessment", NULL));
  rc_test_ui_wait (200);
  g_assert_cmpstr (rc_window_get_view (window), ==, "editor");
  assert_shows (rc_window_get_editor (window), lang->factor);
  assert_shows (rc_window_get_editor (window), lang->assessment);
  assert_shows (rc_window_get_editor (window), lang->saved_as_you_go);
  assert_hides (rc_window_get_editor (window), "Family involvement");
  assert_hides (rc_window_get_editor (window), "Timepoint");
  assert_hides (rc_window_get_editor (window), "saved as you go");
  screenshot (GTK_WIDGET (window), "editor");

  narrow_window (window);
  screenshot (GTK_WIDGET (window), "editor-narrow");
  if (gtk_widget_get_width (GTK_WIDGET (window)) > 400)
    g_test_fail_printf ("the editor needs %d px, more than a 360 px screen",
                        gtk_widget_get_width (GTK_WIDGET (window)));
  assert_shows (rc_window_get_editor (window), lang->factor);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  rc_test_ui_wait (300);
  screenshot (GTK_WIDGET (window), "editor-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  rc_test_ui_stop (application);
}

/* The PDF's text, every run of white space one space, or NULL without
 * pdftotext (poppler-utils). */
static char *
pdf_text (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;
  int status;

  if (program == NULL)
    return NULL;
  g_spawn_sync (NULL, (char *[]) { program, (char *) path, (char *) "-", NULL }, NULL,
                G_SPAWN_DEFAULT, NULL, NULL, &output, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  words = g_regex_split_simple ("\\s+", output, 0, 0);
  return g_strstrip (g_strjoinv (" ", words));
}

/* The one-page report of @comparison drawn at twice its size on white
 * paper, as test-report does, and written as a PDF to read back. */
static void
check_report (RcClient     *client,
              RcComparison *comparison)
{
  g_autoptr(RcReport) report = rc_report_new (client, comparison, NULL,
                                              rc_comparison_get_after (comparison));
  g_autofree char *dir = g_build_filename (g_getenv ("RC_BUILD_ROOT"), "screenshots", NULL);
  g_autofree char *name = g_strdup_printf ("%s-report.png", lang->language);
  g_autofree char *png = g_build_filename (dir, name, NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const double scale = 2.0;
  cairo_surface_t *surface =
    cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (RC_REPORT_A4_WIDTH * scale),
                                (int) ceil (RC_REPORT_A4_HEIGHT * scale));
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  rc_report_draw (report, cr, RC_REPORT_A4_WIDTH, RC_REPORT_A4_HEIGHT);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_true (rc_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed (package poppler-utils): "
                   "the report's texts are not checked");
      return;
    }
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, lang->report_title));
  g_assert_nonnull (strstr (text, lang->report_change_by_factor));
  g_assert_nonnull (strstr (text, lang->factor));
  g_assert_null (strstr (text, "Recovery capital profile"));
  g_assert_null (strstr (text, "Change by factor"));
  g_assert_null (strstr (text, "Family involvement"));
}

/* The compare view, then the report it would save. */
static void
test_compare (void)
{
  RcApplication *application;
  RcWindow *window = start_with_demo_data ("compare.db", &application);
  g_autoptr(RcClient) client = rc_test_ui_client_to_compare (window, NULL);
  RcCompareView *view;
  GtkAdjustment *adjustment;

  g_assert_true (rc_window_open_client (window, client));
  rc_test_ui_wait (200);
  g_assert_true (gtk_widget_activate_action (client_page (window), "page.compare", NULL));
  rc_test_ui_wait (300);
  g_assert_cmpstr (rc_window_get_view (window), ==, "compare");
  view = RC_COMPARE_VIEW (rc_test_ui_find_descendant (GTK_WIDGET (window),
                                                      RC_TYPE_COMPARE_VIEW, 0));
  g_assert_nonnull (rc_compare_view_get_comparison (view));
  assert_shows (GTK_WIDGET (view), lang->compare_profiles);
  assert_shows (GTK_WIDGET (view), lang->change_by_factor);
  assert_shows (GTK_WIDGET (view), lang->factor);
  assert_hides (GTK_WIDGET (view), "Compare Profiles");
  assert_hides (GTK_WIDGET (view), "Change by Factor");
  assert_hides (GTK_WIDGET (view), "Family involvement");
  screenshot (GTK_WIDGET (window), "compare");
  /* And what lies below the chart: the change table, the notes. */
  adjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (rc_test_ui_find_descendant (GTK_WIDGET (view),
                                                     GTK_TYPE_SCROLLED_WINDOW, 0)));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  rc_test_ui_wait (100);
  screenshot (GTK_WIDGET (window), "compare-end");

  /* The pickers' entries, date and timepoint, are shown whole. */
  gtk_adjustment_set_value (adjustment, 0);
  narrow_window (window);
  g_assert_true (gtk_widget_activate (rc_test_ui_find_descendant (GTK_WIDGET (view),
                                                                  ADW_TYPE_COMBO_ROW, 0)));
  rc_test_ui_wait (300);
  screenshot (GTK_WIDGET (window), "compare-narrow-picker");
  assert_nothing_cut (GTK_WIDGET (view));

  check_report (client, rc_compare_view_get_comparison (view));
  rc_test_ui_stop (application);
}

static void
test_new_client (void)
{
  RcApplication *application;
  RcWindow *window = start_with_demo_data ("new-client.db", &application);
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL));
  dialog = rc_test_ui_wait_for_toplevel (RC_TYPE_NEW_CLIENT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, lang->new_client);
  assert_shows (dialog, lang->given_name);
  assert_shows (dialog, lang->required);
  assert_hides (dialog, "Given name");
  assert_hides (dialog, "required");
  screenshot (dialog, "new-client");
  gtk_window_destroy (GTK_WINDOW (dialog));
  rc_test_ui_stop (application);
}

/* Once the day's backup is made (by a worker, after the window has
 * drawn), the Backups window lists it; it too is read on a worker. */
static void
test_backups (void)
{
  RcApplication *application;
  RcWindow *window = start_with_demo_data ("backups.db", &application);
  RcStore *store = rc_application_get_store (application);
  g_autoptr(GPtrArray) backups = NULL;
  GtkWidget *backups_window, *button;

  backups = rc_test_ui_wait_for_backups (store);
  g_assert_cmpuint (backups->len, ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backups", NULL));
  backups_window = rc_test_ui_wait_for_toplevel (RC_TYPE_BACKUPS_WINDOW);
  g_assert_nonnull (backups_window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (backups_window)), ==, lang->backups);
  rc_test_ui_wait (200);
  assert_shows (backups_window, lang->daily);
  assert_hides (backups_window, "Daily");
  assert_hides (backups_window, "Restoring a backup");
  for (guint i = 0;
       (button = rc_test_ui_find_descendant (backups_window, GTK_TYPE_BUTTON, i)) != NULL; i++)
    {
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), !=, "_Restore…");
      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), lang->restore) == 0)
        break;
    }
  g_assert_nonnull (button);
  screenshot (backups_window, "backups");
  gtk_window_destroy (GTK_WINDOW (backups_window));
  rc_test_ui_stop (application);
}

/* An exported file, imported into an empty database: the summary shows
 * after the worker's dry run. */
static void
test_import (void)
{
  g_autofree char *file = rc_test_export_demo (tmpdir, "import.xml", 5, 2);
  g_autofree char *target = g_build_filename (tmpdir, "import-target.db", NULL);
  RcApplication *application;
  RcWindow *window;
  GtkWidget *dialog;

  application = rc_test_ui_start (target);
  window = rc_test_ui_get_window (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  rc_test_ui_wait (300);
  assert_shows (GTK_WIDGET (window), lang->no_clients_yet);
  assert_hides (GTK_WIDGET (window), "No Clients Yet");

  rc_window_import_file (window, file);
  dialog = rc_test_ui_wait_for_message_dialog (lang->import_heading);
  g_assert_nonnull (dialog);
  g_assert_false (g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                                    "Import "));
  g_assert_cmpstr (adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), "import"),
                   ==, lang->import_response);
  screenshot (dialog, "import");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  rc_test_ui_wait (200);
  g_assert_cmpuint (g_list_model_get_n_items (rc_window_get_clients (window)), ==, 0);
  rc_test_ui_stop (application);
}

static void
test_unknown_language (void)
{
  g_test_skip ("run with LANGUAGE=es or LANGUAGE=fr, and RC_LOCALEDIR at the build's po/");
}

int
main (int    argc,
      char **argv)
{
  const char *language = g_getenv ("LANGUAGE");
  int status;

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (language, languages[i].language) == 0)
      lang = &languages[i];

  /* Before GTK starts: GLib reads $XDG_DATA_HOME once, and the
   * application reads its instruments folder at start-up. Then the
   * locale and the catalogues, as the app's main() takes them. */
  tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (tmpdir);
  rc_i18n_init ();
  rc_test_ui_init (&argc, &argv);

  if (lang == NULL)
    {
      g_test_add_func ("/languages/unknown", test_unknown_language);
    }
  else
    {
      g_test_add_func ("/languages/catalogue", test_catalogue);
      g_test_add_func ("/languages/clients", test_clients);
      g_test_add_func ("/languages/client", test_client);
      g_test_add_func ("/languages/editor", test_editor);
      g_test_add_func ("/languages/compare", test_compare);
      g_test_add_func ("/languages/new-client", test_new_client);
      g_test_add_func ("/languages/backups", test_backups);
      g_test_add_func ("/languages/import", test_import);
    }

  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  return status;
}
