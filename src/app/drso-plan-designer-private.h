/* drso-plan-designer-private.h
 *
 * Copyright 2026 The DRS Orchestrator authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "drso-plan-designer.h"

G_BEGIN_DECLS

/* Shared by drso-plan-designer.c (the widget and its API),
 * drso-plan-designer-draft.c (the draft, saving and validation),
 * drso-plan-designer-board.c (the waves, cards and gates),
 * drso-plan-designer-marks.c (problems and findings laid on the board),
 * drso-plan-designer-edit.c (the actions that change the plan, drag and drop),
 * drso-plan-designer-servers.c (criticality of a wave's servers) and
 * drso-plan-designer-run.c (readiness, starting a drill or a recovery). */

/* A problem validation found: about the plan (wave 0), a wave, or a group
 * of a wave. */
typedef struct
{
  guint     wave_number;
  char     *group_id;
  char     *message;
  gboolean  about_name;
} DrsoPlanProblem;

/* The widgets of one wave's column that change without a rebuild. */
typedef struct
{
  guint      wave_number;
  GtkWidget *column;
  GtkWidget *cards_box;
  GtkWidget *placeholder;
  GtkWidget *badge;
  GtkWidget *problem_label;
} DrsoPlanWaveColumn;

/* The widgets of one group's card that change without a rebuild. */
typedef struct
{
  char      *group_id;
  guint      wave_number;
  GtkWidget *card;
  GtkWidget *badge;
} DrsoPlanGroupCard;

struct _DrsoPlanDesigner
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkEntry            *name_entry;
  GtkLabel            *save_label;
  GtkButton           *readiness_button;
  GtkSpinner          *readiness_spinner;
  GtkLabel            *readiness_label;
  AdwSplitButton      *drill_button;
  GtkSpinButton       *rto_spin;
  GtkSpinButton       *rpo_spin;
  GtkLabel            *total_label;
  GtkLabel            *predicted_label;
  GtkRevealer         *verdict_revealer;
  GtkWidget           *verdict_box;
  GtkImage            *verdict_icon;
  GtkLabel            *verdict_label;
  GtkLabel            *verdict_detail_label;
  GtkMenuButton       *findings_button;
  GtkListBox          *findings_list;
  GtkRevealer         *problems_revealer;
  GtkLabel            *problems_label;
  GtkScrolledWindow   *board_scroller;
  GtkBox              *waves_box;
  GtkButton           *add_wave_button;
  GtkWidget           *unused_strip;
  GtkFlowBox          *unused_flow;
  GtkLabel            *unused_empty_label;

  /* Owned references */
  DrsoStore           *store;
  DrsoEngine          *engine;
  DrsoRecoveryPlan    *plan;             /* the draft the designer edits */
  DrsoReadinessReport *report;
  GCancellable        *cancellable;
  GPtrArray           *problems;         /* of DrsoPlanProblem */
  GPtrArray           *columns;          /* of DrsoPlanWaveColumn, by wave */
  GPtrArray           *cards;            /* of DrsoPlanGroupCard */
  GHashTable          *server_groups;    /* "wave/server id" → group id */
  char                *save_error;
  char                *focus_key;        /* the widget to focus after a rebuild */

  guint                save_source;
  guint                rebuild_source;
  guint                stored : 1;       /* the plan exists in the store */
  guint                dirty : 1;        /* the draft has changes the store lacks */
  guint                loading : 1;      /* filling widgets: ignore their signals */
  guint                report_stale : 1;
  guint                checking : 1;
  guint                starting : 1;
};

/* drso-plan-designer.c */
void     _drso_plan_designer_toast                 (DrsoPlanDesigner *self,
                                                    const char       *message);

/* drso-plan-designer-draft.c */
void     _drso_plan_problem_free                   (gpointer          data);
void     _drso_plan_wave_column_free               (gpointer          data);
void     _drso_plan_group_card_free                (gpointer          data);
void     _drso_plan_designer_validate              (DrsoPlanDesigner *self);
void     _drso_plan_designer_update_header         (DrsoPlanDesigner *self);
void     _drso_plan_designer_set_dirty             (DrsoPlanDesigner *self,
                                                    gboolean          dirty);
gboolean _drso_plan_designer_save_now              (DrsoPlanDesigner *self);
void     _drso_plan_designer_leave_plan            (DrsoPlanDesigner *self);
void     _drso_plan_designer_start_plan            (DrsoPlanDesigner *self,
                                                    DrsoRecoveryPlan *plan,
                                                    gboolean          stored);
void     _drso_plan_designer_changed               (DrsoPlanDesigner *self,
                                                    gboolean          structural);
gboolean _drso_plan_designer_can_edit              (DrsoPlanDesigner *self);
void     _drso_plan_designer_update_sensitivity    (DrsoPlanDesigner *self);

/* drso-plan-designer-board.c */
void     _drso_plan_designer_rebuild_board         (DrsoPlanDesigner *self);
void     _drso_plan_designer_queue_rebuild         (DrsoPlanDesigner *self);
void     _drso_plan_designer_set_focus_key         (GtkWidget        *widget,
                                                    const char       *format,
                                                    ...) G_GNUC_PRINTF (2, 3);

/* drso-plan-designer-marks.c */
void     _drso_plan_designer_show_problems         (DrsoPlanDesigner *self);
void     _drso_plan_designer_ensure_css            (void);
GtkWidget *_drso_plan_badge_new                    (void);
void     _drso_plan_badge_set                      (GtkWidget        *badge,
                                                    GPtrArray        *messages,
                                                    gboolean          is_error);

/* drso-plan-designer-edit.c: the actions that change waves and groups, and
 * drag and drop */
void     _drso_plan_designer_class_edit_init       (GtkWidgetClass   *widget_class);
gboolean _drso_plan_designer_move_group            (DrsoPlanDesigner *self,
                                                    const char       *group_id,
                                                    guint             wave_number,
                                                    int               position);
void     _drso_plan_designer_add_drag_source       (DrsoPlanDesigner *self,
                                                    GtkWidget        *widget,
                                                    const char       *value);
void     _drso_plan_designer_add_drop_target       (DrsoPlanDesigner *self,
                                                    GtkWidget        *widget,
                                                    guint             wave_number);
void     _drso_plan_designer_add_card_shortcuts    (DrsoPlanDesigner *self,
                                                    GtkWidget        *card,
                                                    const char       *group_id);
GtkWidget *_drso_plan_designer_gate_new            (DrsoPlanDesigner *self,
                                                    DrsoWave         *wave,
                                                    gboolean          can_edit);

/* drso-plan-designer-servers.c */
GtkWidget *_drso_plan_designer_servers_button_new  (DrsoPlanDesigner *self,
                                                    DrsoWave         *wave);

/* drso-plan-designer-run.c */
void     _drso_plan_designer_class_run_init        (GtkWidgetClass   *widget_class);
void     _drso_plan_designer_show_report           (DrsoPlanDesigner *self);
void     _drso_plan_designer_collect_findings      (DrsoPlanDesigner *self,
                                                    guint             wave_number,
                                                    const char       *group_id,
                                                    GPtrArray        *messages,
                                                    gboolean         *is_error);

G_END_DECLS
