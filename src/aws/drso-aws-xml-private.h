/* drso-aws-xml-private.h
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

#include <glib.h>

G_BEGIN_DECLS

/* A small element tree for the XML answers of EC2 and STS, read with
 * GMarkup. Namespaces are ignored; text is kept only for leaves. */
typedef struct _DrsoXmlNode DrsoXmlNode;

struct _DrsoXmlNode
{
  char        *name;
  char        *text;
  DrsoXmlNode *parent;
  GPtrArray   *children;  /* DrsoXmlNode, owned */
};

DrsoXmlNode *_drso_xml_parse      (const char   *data,
                                   gsize         length,
                                   GError      **error);
void         _drso_xml_free       (DrsoXmlNode  *node);
DrsoXmlNode *_drso_xml_child      (DrsoXmlNode  *node,
                                   const char   *path);
const char  *_drso_xml_text       (DrsoXmlNode  *node,
                                   const char   *path);
GPtrArray   *_drso_xml_items      (DrsoXmlNode  *node,
                                   const char   *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoXmlNode, _drso_xml_free)

G_END_DECLS
