#include "common/LogCategories.h"

Q_LOGGING_CATEGORY(lcApp, "gb.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSettings, "gb.settings", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKeys, "gb.keys", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRelay, "gb.relay", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUpstream, "gb.upstream", QtInfoMsg)
Q_LOGGING_CATEGORY(lcModels, "gb.models", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "gb.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "gb.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApi, "gb.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGui, "gb.gui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "gb.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDemo, "gb.demo", QtInfoMsg)
