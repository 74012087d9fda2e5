<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>KeysPage</name>
    <message>
        <source>Add keys…</source>
        <translation>新增金鑰…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>驗證</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重設</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>啟用</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>複製金鑰</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>GemBalance</source>
        <translation>GemBalance</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Server</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>狀態：</translation>
    </message>
    <message>
        <source>Listening on:</source>
        <translation>監聽位址：</translation>
    </message>
    <message>
        <source>OpenAI base URL:</source>
        <translation>OpenAI 基礎 URL：</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Gemini base URL:</source>
        <translation>Gemini 基礎 URL：</translation>
    </message>
    <message>
        <source>Client token:</source>
        <translation>用戶端權杖：</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>產生</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API 金鑰</translation>
    </message>
</context>
<context>
    <name>PasteKeysDialog</name>
    <message>
        <source>Add API keys</source>
        <translation>新增 API 金鑰</translation>
    </message>
    <message>
        <source>Paste any text that holds Gemini API keys: a .env file, a list, a spreadsheet column. The keys are picked out of it.</source>
        <translation>貼上任何包含 Gemini API 金鑰的文字：.env 檔案、清單或試算表中的一欄皆可，程式會從中自動擷取金鑰。</translation>
    </message>
</context>
<context>
    <name>TokensPage</name>
    <message>
        <source>Client tokens (ALLOWED_TOKENS) let applications use the proxy. They are shown masked; Copy puts the whole token on the clipboard.</source>
        <translation>用戶端權杖（ALLOWED_TOKENS）用於允許應用程式使用代理。權杖以遮罩形式顯示；按下「複製」可將完整權杖複製到剪貼簿。</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>產生</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>撤銷</translation>
    </message>
    <message>
        <source>Copy admin token</source>
        <translation>複製管理權杖</translation>
    </message>
</context>
<context>
    <name>gb::DesktopApp</name>
    <message>
        <source>GemBalance keeps running</source>
        <translation>GemBalance 仍在執行</translation>
    </message>
    <message>
        <source>The server keeps serving in the background. Use the tray icon to open the window or to quit.</source>
        <translation>伺服器將繼續在背景提供服務。可透過系統匣圖示開啟視窗或結束程式。</translation>
    </message>
</context>
<context>
    <name>gb::KeyTableModel</name>
    <message>
        <source>active</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>cooling</source>
        <translation>冷卻中</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分鐘</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小時 %2 分鐘</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>金鑰</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>失敗次數</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近錯誤</translation>
    </message>
    <message>
        <source>Cooldown</source>
        <translation>冷卻時間</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>權重</translation>
    </message>
</context>
<context>
    <name>gb::KeysPage</name>
    <message>
        <source>All keys</source>
        <translation>全部金鑰</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Cooling</source>
        <translation>冷卻中</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Filter by key or error</source>
        <translation>依金鑰或錯誤篩選</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n key(s)</source>
        <translation>
            <numerusform>%1 / %n 個金鑰</numerusform>
        </translation>
    </message>
    <message>
        <source>Add keys</source>
        <translation>新增金鑰</translation>
    </message>
    <message numerus="yes">
        <source>Added %n key(s).</source>
        <translation>
            <numerusform>已新增 %n 個金鑰。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete keys</source>
        <translation>刪除金鑰</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n key(s) from the pool?</source>
        <translation>
            <numerusform>要從金鑰池中移除 %n 個金鑰嗎？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n key(s).</source>
        <translation>
            <numerusform>已移除 %n 個金鑰。</numerusform>
        </translation>
    </message>
    <message>
        <source>Verified: %1 valid, %2 invalid.</source>
        <translation>驗證完成：%1 個有效，%2 個無效。</translation>
    </message>
    <message>
        <source>First failure: %1 (%2)</source>
        <translation>第一個失敗：%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>Reset %n key(s).</source>
        <translation>
            <numerusform>已重設 %n 個金鑰。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Enabled %n key(s).</source>
        <translation>
            <numerusform>已啟用 %n 個金鑰。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Disabled %n key(s).</source>
        <translation>
            <numerusform>已停用 %n 個金鑰。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gb::LogModel</name>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等級</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>類別</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>訊息</translation>
    </message>
</context>
<context>
    <name>gb::LogsPage</name>
    <message>
        <source>Debug and above</source>
        <translation>偵錯及以上</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>資訊及以上</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>警告與錯誤</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>僅錯誤</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部類別</translation>
    </message>
    <message>
        <source>Search the messages</source>
        <translation>搜尋訊息</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>繼續</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
</context>
<context>
    <name>gb::MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>總覽</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>金鑰</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>權杖</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>日誌</translation>
    </message>
</context>
<context>
    <name>gb::OverviewPage</name>
    <message>
        <source>No client token: clients are refused until you generate one.</source>
        <translation>沒有用戶端權杖：在產生權杖之前，所有用戶端請求都會被拒絕。</translation>
    </message>
    <message>
        <source>Client token</source>
        <translation>用戶端權杖</translation>
    </message>
    <message>
        <source>running</source>
        <translation>執行中</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Stop server</source>
        <translation>停止伺服器</translation>
    </message>
    <message>
        <source>Start server</source>
        <translation>啟動伺服器</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>未監聽</translation>
    </message>
    <message>
        <source>%1 active</source>
        <translation>%1 個可用</translation>
    </message>
    <message>
        <source>%1 cooling</source>
        <translation>%1 個冷卻中</translation>
    </message>
    <message>
        <source>%1 disabled</source>
        <translation>%1 個已停用</translation>
    </message>
</context>
<context>
    <name>gb::PasteKeysDialog</name>
    <message numerus="yes">
        <source>%n key(s) found: %1 new, %2 already in the pool, %3 duplicate(s) ignored.</source>
        <translation>
            <numerusform>找到 %n 個金鑰：%1 個新金鑰，%2 個已在金鑰池中，已略過 %3 個重複項目。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n key(s)</source>
        <translation>
            <numerusform>新增 %n 個金鑰</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gb::TokensPage</name>
    <message>
        <source>No admin token (AUTH_TOKEN) is set.</source>
        <translation>未設定管理權杖（AUTH_TOKEN）。</translation>
    </message>
    <message>
        <source>Admin token (AUTH_TOKEN): %1</source>
        <translation>管理權杖（AUTH_TOKEN）：%1</translation>
    </message>
    <message>
        <source>No admin token was set, so GemBalance generated one and saved it: &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Use it to sign in to the web admin page and the admin API. It is shown this once; you can copy it later with the button below.</source>
        <translation>由於未設定管理權杖，GemBalance 已自動產生並儲存了一個：&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;可用它登入網頁管理介面與管理 API。此權杖僅顯示這一次；之後可透過下方按鈕複製。</translation>
    </message>
    <message>
        <source>Client tokens</source>
        <translation>用戶端權杖</translation>
    </message>
    <message>
        <source>Revoke token</source>
        <translation>撤銷權杖</translation>
    </message>
    <message>
        <source>Revoke %1? Clients using it are refused from now on.</source>
        <translation>要撤銷 %1 嗎？此後使用該權杖的用戶端請求將被拒絕。</translation>
    </message>
</context>
<context>
    <name>gb::TrayController</name>
    <message>
        <source>Show GemBalance</source>
        <translation>顯示 GemBalance</translation>
    </message>
    <message>
        <source>Stop server</source>
        <translation>停止伺服器</translation>
    </message>
    <message>
        <source>Copy OpenAI base URL</source>
        <translation>複製 OpenAI 基礎 URL</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>GemBalance: all keys ready</source>
        <translation>GemBalance：所有金鑰皆可用</translation>
    </message>
    <message>
        <source>GemBalance: some keys cooling or disabled</source>
        <translation>GemBalance：部分金鑰冷卻中或已停用</translation>
    </message>
    <message>
        <source>GemBalance: no usable key</source>
        <translation>GemBalance：沒有可用的金鑰</translation>
    </message>
    <message>
        <source>GemBalance: server stopped</source>
        <translation>GemBalance：伺服器已停止</translation>
    </message>
    <message>
        <source>%1 active, %2 cooling, %3 disabled</source>
        <translation>%1 個可用，%2 個冷卻中，%3 個已停用</translation>
    </message>
    <message>
        <source>Start server</source>
        <translation>啟動伺服器</translation>
    </message>
</context>
<context>
    <name>gb::UiLanguage</name>
    <message>
        <source>System language</source>
        <translation>跟隨系統</translation>
    </message>
</context>
</TS>
