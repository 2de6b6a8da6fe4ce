/* drso.h
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

#define DRSO_INSIDE

#include "drso-types.h"
#include "drso-enums.h"
#include "drso-error.h"
#include "drso-role.h"
#include "drso-validation.h"
#include "drso-document.h"
#include "drso-account.h"
#include "drso-source-server.h"
#include "drso-protection-group.h"
#include "drso-wave.h"
#include "drso-recovery-plan.h"
#include "drso-server-run.h"
#include "drso-wave-run.h"
#include "drso-execution.h"
#include "drso-execution-event.h"
#include "drso-bundle.h"
#include "drso-store.h"
#include "drso-aws-credentials.h"
#include "drso-aws-error.h"
#include "drso-aws-keyring.h"
#include "drso-aws-client.h"
#include "drso-aws-context.h"
#include "drso-aws-credentials-provider.h"
#include "drso-sts.h"
#include "drso-drs.h"
#include "drso-drs-types.h"
#include "drso-ec2.h"
#include "drso-discovery.h"
#include "drso-engine.h"
#include "drso-account-setup.h"
#include "drso-readiness.h"
#include "drso-sandbox.h"

#undef DRSO_INSIDE
