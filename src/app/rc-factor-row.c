/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-factor-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rc-app-util.h"

#include "rc-factor-row.h"

/* One factor in the assessment editor: its title and description, a
 * group of level buttons and "not assessed" with the chosen level's anchor
 * text, a note, and the client's own goal. The group is one Tab stop: only
 * the control under its cursor takes the focus, Left and Right move the
 * cursor, the digit keys rate (the focus stays on this factor), 0 or N
 * mark it not assessed, Up and Down go to the previous or next factor. A
 * factor nobody has rated yet looks different from one deliberately left
 * not assessed. */

struct _RcFactorRow
{
  GtkWidget         parent_instance;

  RcFactor         *factor;
  int               min_score;
  int               max_score;
  int               score;
  GPtrArray        *level_buttons;
  GtkWidget        *cursor;  /* the group's one focusable control */
  gboolean          updating;

  GtkLabel         *title_label;
  GtkLabel         *description_label;
  GtkBox           *levels_box;
  GtkToggleButton  *not_assessed_button;
  GtkLabel         *anchor_label;
  GtkEntry         *note_entry;
  GtkEntry         *goal_entry;
};

G_DEFINE_FINAL_TYPE (RcFactorRow, rc_factor_row, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_anchor (RcFactorRow *self)
{
  g_autofree char *text = NULL;

  if (self->score == RC_SCORE_UNRATED)
    text = g_strdup_printf (_("Not rated yet. Press %d–%d to rate, 0 or N if it is not "
                              "assessed."), self->min_score, self->max_score);
  else if (self->score == RC_SCORE_NOT_ASSESSED)
    text = g_strdup (_("Not assessed: left out on purpose, and out of the total."));
  else
    /* Translators: score — short label: anchor text, e.g. "3 — Partial: Some contact…" */
    text = g_strdup_printf (_("%d — %s: %s"), self->score,
                            rc_factor_get_level_label (self->factor, self->score),
                            rc_factor_get_level_anchor (self->factor, self->score));
  gtk_label_set_text (self->anchor_label, text);
}

/* The group's controls in Left-to-Right order: the levels, then "not
 * assessed". */
static GtkWidget *
group_control (RcFactorRow *self,
               guint        index)
{
  if (index < self->level_buttons->len)
    return g_ptr_array_index (self->level_buttons, index);
  return GTK_WIDGET (self->not_assessed_button);
}

static guint
cursor_index (RcFactorRow *self)
{
  guint index;

  if (g_ptr_array_find (self->level_buttons, self->cursor, &index))
    return index;
  return self->level_buttons->len;
}

/* Moves the cursor to @control, taking the focus along when the group
 * had it. */
static void
move_cursor (RcFactorRow *self,
             GtkWidget   *control)
{
  GtkWidget *previous = self->cursor;
  gboolean had_focus = previous != NULL && gtk_widget_has_focus (previous);

  if (control == previous)
    return;
  self->cursor = control;
  gtk_widget_set_focusable (control, TRUE);
  if (had_focus)
    gtk_widget_grab_focus (control);
  if (previous != NULL)
    gtk_widget_set_focusable (previous, FALSE);
}

/* Shows @score on the buttons without treating it as the user's change. */
static void
show_score (RcFactorRow *self)
{
  GtkWidget *level = rc_factor_row_get_level_button (self, self->score);

  self->updating = TRUE;
  for (guint i = 0; i < self->level_buttons->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->level_buttons, i),
                                  self->min_score + (int) i == self->score);
  gtk_toggle_button_set_active (self->not_assessed_button, self->score == RC_SCORE_NOT_ASSESSED);
  self->updating = FALSE;
  if (self->score == RC_SCORE_UNRATED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "factor-unrated");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "factor-unrated");
  /* Unrated (or a stored score off this scale), the cursor starts at the
   * lowest level. */
  move_cursor (self, level != NULL ? level : group_control (self, 0));
  update_anchor (self);
}

/**
 * rc_factor_row_rate:
 * @score: a level on the scale, or %RC_SCORE_NOT_ASSESSED (a user never
 *   makes a factor unrated again)
 *
 * Rates the factor as the user would, emitting #RcFactorRow::changed.
 *
 * Returns: whether @score was on the scale
 */
gboolean
rc_factor_row_rate (RcFactorRow *self,
                    int          score)
{
  g_return_val_if_fail (RC_IS_FACTOR_ROW (self), FALSE);

  if (score != RC_SCORE_NOT_ASSESSED && (score < self->min_score || score > self->max_score))
    return FALSE;
  if (score != self->score)
    {
      self->score = score;
      show_score (self);
      g_signal_emit (self, signals[CHANGED], 0);
    }
  return TRUE;
}

static void
level_toggled_cb (GtkToggleButton *button,
                  RcFactorRow     *self)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  if (button == self->not_assessed_button)
    rc_factor_row_rate (self, RC_SCORE_NOT_ASSESSED);
  else
    rc_factor_row_rate (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "score")));
  /* A click leaves the focus where the worker clicked. */
  gtk_widget_grab_focus (self->cursor);
}

/* Focuses the level group of the next or previous factor, at its cursor,
 * so that Up and Down walk the factors as Left and Right walk the
 * levels. */
static gboolean
focus_neighbour (RcFactorRow *self,
                 gboolean     forward)
{
  GtkWidget *sibling = GTK_WIDGET (self);
  RcFactorRow *neighbour;

  do
    sibling = forward ? gtk_widget_get_next_sibling (sibling) : gtk_widget_get_prev_sibling (sibling);
  while (sibling != NULL && !RC_IS_FACTOR_ROW (sibling));
  if (sibling == NULL)
    return GDK_EVENT_PROPAGATE;
  neighbour = RC_FACTOR_ROW (sibling);
  return rc_factor_row_focus_levels (neighbour);
}

/* Left and Right walk the group, in the reading direction. */
static gboolean
step_cursor (RcFactorRow *self,
             guint        keyval)
{
  gboolean forward = (keyval == GDK_KEY_Right) ==
                     (gtk_widget_get_direction (GTK_WIDGET (self)) != GTK_TEXT_DIR_RTL);
  guint index = cursor_index (self);

  if (forward && index < self->level_buttons->len)
    index++;
  else if (!forward && index > 0)
    index--;
  move_cursor (self, group_control (self, index));
  return GDK_EVENT_STOP;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RcFactorRow           *self)
{
  guint32 character = gdk_keyval_to_unicode (keyval);
  gboolean in_group = gtk_widget_has_focus (self->cursor);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_Down)
    return in_group && focus_neighbour (self, keyval == GDK_KEY_Down);
  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_Right)
    return in_group && step_cursor (self, keyval);
  if (character == 'n' || character == 'N')
    return rc_factor_row_rate (self, RC_SCORE_NOT_ASSESSED);
  if (character < '0' || character > '9')
    return GDK_EVENT_PROPAGATE;
  /* 0 clears, unless the scale itself starts at 0. */
  if (character == '0' && self->min_score > 0)
    return rc_factor_row_rate (self, RC_SCORE_NOT_ASSESSED);
  return rc_factor_row_rate (self, (int) (character - '0'));
}

static void
text_changed_cb (RcFactorRow *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
rc_factor_row_dispose (GObject *object)
{
  RcFactorRow *self = RC_FACTOR_ROW (object);

  rc_app_dispose_children (GTK_WIDGET (self), RC_TYPE_FACTOR_ROW);
  g_clear_pointer (&self->level_buttons, g_ptr_array_unref);
  g_clear_object (&self->factor);

  G_OBJECT_CLASS (rc_factor_row_parent_class)->dispose (object);
}

static void
rc_factor_row_class_init (RcFactorRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rc_factor_row_dispose;

  /**
   * RcFactorRow::changed:
   *
   * The user changed the score, the note or the goal.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rc-factor-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RcFactorRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RcFactorRow, description_label);
  gtk_widget_class_bind_template_child (widget_class, RcFactorRow, levels_box);
  gtk_widget_class_bind_template_child (widget_class, RcFactorRow, not_assessed_button);
  gtk_widget_class_bind_template_child (widget_class, RcFactorRow, anchor_label);
  gtk_widget_class_bind_template_child (widget_class, RcFactorRow, note_entry);
  gtk_widget_class_bind_template_child (widget_class, RcFactorRow, goal_entry);
}

static void
rc_factor_row_init (RcFactorRow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->score = RC_SCORE_UNRATED;
  self->level_buttons = g_ptr_array_new ();
  gtk_widget_set_focusable (GTK_WIDGET (self->not_assessed_button), FALSE);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (self->not_assessed_button, "toggled", G_CALLBACK (level_toggled_cb), self);
  g_signal_connect_swapped (self->note_entry, "changed", G_CALLBACK (text_changed_cb), self);
  g_signal_connect_swapped (self->goal_entry, "changed", G_CALLBACK (text_changed_cb), self);
}

/* Every control names its factor, so that a screen reader says "Housing,
 * level 3 of 5: Partial", not "toggle button". */
static void
label_controls (RcFactorRow *self)
{
  const char *title = rc_factor_get_title (self->factor);
  g_autofree char *not_assessed = g_strdup_printf (_("%s: not assessed"), title);
  g_autofree char *note = g_strdup_printf (_("%s: note"), title);
  g_autofree char *goal = g_strdup_printf (_("%s: the client’s goal"), title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  rc_factor_get_description (self->factor), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->not_assessed_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, not_assessed, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, note, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->goal_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, goal, -1);
}

static void
add_level_button (RcFactorRow *self,
                  int          score)
{
  g_autofree char *number = g_strdup_printf ("%d", score);
  /* Translators: factor, level N of M: short label. anchor text */
  g_autofree char *label = g_strdup_printf (_("%s, level %d of %d: %s. %s"),
                                            rc_factor_get_title (self->factor), score,
                                            self->max_score,
                                            rc_factor_get_level_label (self->factor, score),
                                            rc_factor_get_level_anchor (self->factor, score));
  GtkWidget *button = gtk_toggle_button_new_with_label (number);

  gtk_widget_set_focusable (button, FALSE);
  g_object_set_data (G_OBJECT (button), "score", GINT_TO_POINTER (score));
  gtk_widget_set_tooltip_text (button, rc_factor_get_level_label (self->factor, score));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->not_assessed_button);
  g_signal_connect (button, "toggled", G_CALLBACK (level_toggled_cb), self);
  gtk_box_append (self->levels_box, button);
  g_ptr_array_add (self->level_buttons, button);
}

GtkWidget *
rc_factor_row_new (RcFactor *factor,
                   int       min_score,
                   int       max_score)
{
  RcFactorRow *self;

  g_return_val_if_fail (RC_IS_FACTOR (factor), NULL);
  g_return_val_if_fail (min_score < max_score, NULL);

  self = g_object_new (RC_TYPE_FACTOR_ROW, NULL);
  self->factor = g_object_ref (factor);
  self->min_score = min_score;
  self->max_score = max_score;
  gtk_label_set_text (self->title_label, rc_factor_get_title (factor));
  gtk_label_set_text (self->description_label, rc_factor_get_description (factor));
  for (int score = min_score; score <= max_score; score++)
    add_level_button (self, score);
  label_controls (self);
  show_score (self);
  return GTK_WIDGET (self);
}

/**
 * rc_factor_row_get_factor:
 *
 * Returns: (transfer none): the factor this row rates
 */
RcFactor *
rc_factor_row_get_factor (RcFactorRow *self)
{
  g_return_val_if_fail (RC_IS_FACTOR_ROW (self), NULL);
  return self->factor;
}

/* Shows a stored rating, without emitting #RcFactorRow::changed. */
void
rc_factor_row_set_rating (RcFactorRow *self,
                          int          score,
                          const char  *note,
                          const char  *goal)
{
  g_return_if_fail (RC_IS_FACTOR_ROW (self));

  self->score = score;
  show_score (self);
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note != NULL ? note : "");
  gtk_editable_set_text (GTK_EDITABLE (self->goal_entry), goal != NULL ? goal : "");
  self->updating = FALSE;
}

int
rc_factor_row_get_score (RcFactorRow *self)
{
  g_return_val_if_fail (RC_IS_FACTOR_ROW (self), RC_SCORE_UNRATED);
  return self->score;
}

const char *
rc_factor_row_get_note (RcFactorRow *self)
{
  g_return_val_if_fail (RC_IS_FACTOR_ROW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
}

const char *
rc_factor_row_get_goal (RcFactorRow *self)
{
  g_return_val_if_fail (RC_IS_FACTOR_ROW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->goal_entry));
}

/**
 * rc_factor_row_get_level_button:
 *
 * Returns: (transfer none) (nullable): the button for @score, for focus
 *   and for tests
 */
GtkWidget *
rc_factor_row_get_level_button (RcFactorRow *self,
                                int          score)
{
  g_return_val_if_fail (RC_IS_FACTOR_ROW (self), NULL);

  if (score == RC_SCORE_NOT_ASSESSED)
    return GTK_WIDGET (self->not_assessed_button);
  if (score < self->min_score || score > self->max_score)
    return NULL;
  return g_ptr_array_index (self->level_buttons, score - self->min_score);
}

/**
 * rc_factor_row_focus_levels:
 *
 * Puts the focus on the factor's level group, at its cursor: the chosen
 * level, or the lowest while unrated.
 *
 * Returns: whether the focus moved there
 */
gboolean
rc_factor_row_focus_levels (RcFactorRow *self)
{
  g_return_val_if_fail (RC_IS_FACTOR_ROW (self), FALSE);
  return gtk_widget_grab_focus (self->cursor);
}
