<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>DashboardFeed</name>
    <message>
        <source>(no model)</source>
        <translation>（無模型）</translation>
    </message>
    <message>
        <source>removed key %1</source>
        <translation>已移除金鑰 %1</translation>
    </message>
    <message>
        <source>other keys</source>
        <translation>其他金鑰</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Statistics for:</source>
        <translation>統計範圍：</translation>
    </message>
</context>
<context>
    <name>ErrorLogViewer</name>
    <message>
        <source>From</source>
        <translation>從</translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <translation>yyyy-MM-dd HH:mm</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation>刪除所選</translation>
    </message>
    <message>
        <source>Delete all…</source>
        <translation>全部刪除…</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一頁</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一頁</translation>
    </message>
</context>
<context>
    <name>KeyDetailDialog</name>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>金鑰：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>狀態：</translation>
    </message>
    <message>
        <source>Failures in a row:</source>
        <translation>連續失敗次數：</translation>
    </message>
    <message>
        <source>Since added:</source>
        <translation>新增以來：</translation>
    </message>
    <message>
        <source>Last used:</source>
        <translation>最近使用：</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>最近錯誤：</translation>
    </message>
    <message>
        <source>Resting for:</source>
        <translation>冷卻中的模型：</translation>
    </message>
    <message>
        <source>Usage by model</source>
        <translation>依模型統計用量</translation>
    </message>
    <message>
        <source>Recent errors</source>
        <translation>最近錯誤</translation>
    </message>
</context>
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
    <message>
        <source>Details…</source>
        <translation>詳細資料…</translation>
    </message>
    <message>
        <source>Usage and errors of the selected key (or double-click a row)</source>
        <translation>所選金鑰的用量與錯誤（也可按兩下某一列）</translation>
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
    <message>
        <source>Application log</source>
        <translation>應用程式日誌</translation>
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
    <name>ModelsPage</name>
    <message>
        <source>Filter models</source>
        <translation>篩選模型</translation>
    </message>
    <message>
        <source>Show hidden models</source>
        <translation>顯示已隱藏的模型</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>套用</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>還原</translation>
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
    <name>SettingsPage</name>
    <message>
        <source>Desktop</source>
        <translation>桌面</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>位址</translation>
    </message>
    <message>
        <source>127.0.0.1 serves this computer only; 0.0.0.0 serves the network</source>
        <translation>127.0.0.1 僅供本機使用；0.0.0.0 對整個網路提供服務</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>連接埠</translation>
    </message>
    <message>
        <source>0 picks a free port</source>
        <translation>0 表示自動選擇可用的連接埠</translation>
    </message>
    <message>
        <source>Listen here</source>
        <translation>在此監聽</translation>
    </message>
    <message>
        <source>Start GemBalance in the tray when I log in</source>
        <translation>登入時在系統匣中啟動 GemBalance</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>套用</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>還原</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>伺服器位址</translation>
    </message>
    <message>
        <source>Kept for the next starts (--host and --port on the command line win for their run). For https set TLS_CERT_FILE and TLS_KEY_FILE on the API tab: they are read when the server starts, so apply them with Listen here, or Stop and Start server on the Overview page.</source>
        <translation>會保留到之後的啟動（命令列上的 --host 與 --port 在其該次執行中優先）。要使用 https，請在 API 分頁中設定 TLS_CERT_FILE 與 TLS_KEY_FILE：它們在伺服器啟動時讀取，因此請按「在此監聽」，或在總覽頁上停止並啟動伺服器來套用。</translation>
    </message>
</context>
<context>
    <name>TokensPage</name>
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
    <message>
        <source>Client tokens (ALLOWED_TOKENS) let applications use the proxy. They are shown masked; Copy puts the whole token on the clipboard. Give each a label to tell them apart.</source>
        <translation>用戶端權杖（ALLOWED_TOKENS）允許應用程式使用代理。權杖以遮罩形式顯示；「複製」會將完整權杖複製到剪貼簿。可為每個權杖設定標籤以便區分。</translation>
    </message>
    <message>
        <source>Double-click a label to name a token; labels stay on this computer</source>
        <translation>按兩下標籤可為權杖命名；標籤僅儲存在本機</translation>
    </message>
</context>
<context>
    <name>gb::AutoStart</name>
    <message>
        <source>cannot change %1</source>
        <translation>無法變更 %1</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>無法刪除 %1</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>無法建立 %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>無法寫入 %1：%2</translation>
    </message>
</context>
<context>
    <name>gb::DashboardFeed</name>
    <message>
        <source>the database is not open</source>
        <translation>資料庫未開啟</translation>
    </message>
</context>
<context>
    <name>gb::DashboardView</name>
    <message>
        <source>Last hour</source>
        <translation>最近 1 小時</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小時</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>呼叫次數</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>延遲（毫秒）</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p90</source>
        <translation>p90</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>Tokens per model</source>
        <translation>各模型 Token 用量</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>completion</source>
        <translation>補全</translation>
    </message>
    <message>
        <source>thoughts</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>Calls per key</source>
        <translation>各金鑰呼叫次數</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>呼叫</translation>
    </message>
    <message>
        <source>Statistics unavailable: %1</source>
        <translation>統計資料無法使用：%1</translation>
    </message>
    <message>
        <source>No traffic yet in this range: the charts fill in as calls arrive.</source>
        <translation>此時間範圍內尚無流量：圖表會隨著呼叫進來逐步填入。</translation>
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
    <message>
        <source>&lt;b&gt;DEMO&lt;/b&gt; — GemBalance runs with a built-in fake Gemini upstream and sample keys (good, rate-limited, invalid) and sends itself a little traffic. Nothing here is real, and it has its own data folder. Admin token: &lt;code&gt;%1&lt;/code&gt; · client token: &lt;code&gt;%2&lt;/code&gt;</source>
        <translation>&lt;b&gt;示範&lt;/b&gt; — GemBalance 正在使用內建的模擬 Gemini 上游與範例金鑰（正常、限流、無效）執行，並會向自身傳送少量流量。這裡的一切都不是真實的，且使用獨立的資料資料夾。管理權杖：&lt;code&gt;%1&lt;/code&gt; · 用戶端權杖：&lt;code&gt;%2&lt;/code&gt;</translation>
    </message>
</context>
<context>
    <name>gb::ErrorLogModel</name>
    <message>
        <source>the database is not open</source>
        <translation>資料庫未開啟</translation>
    </message>
    <message>
        <source>#%1 at %2, key %3, model %4</source>
        <translation>#%1，時間 %2，金鑰 %3，模型 %4</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（無）</translation>
    </message>
    <message>
        <source>%1, status %2</source>
        <translation>%1，狀態碼 %2</translation>
    </message>
    <message>
        <source>none (no answer)</source>
        <translation>無（未收到回應）</translation>
    </message>
    <message>
        <source>Upstream answer:</source>
        <translation>上游回應：</translation>
    </message>
    <message>
        <source>Request body:</source>
        <translation>請求內容：</translation>
    </message>
    <message>
        <source>(not recorded: see ERROR_LOG_RECORD_REQUEST_BODY)</source>
        <translation>（未記錄：請參閱 ERROR_LOG_RECORD_REQUEST_BODY）</translation>
    </message>
    <message>
        <source>this entry is no longer in the log</source>
        <translation>此項目已不在日誌中</translation>
    </message>
    <message>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>金鑰</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>狀態碼</translation>
    </message>
</context>
<context>
    <name>gb::ErrorLogViewer</name>
    <message>
        <source>Key (hint or full key)</source>
        <translation>金鑰（部分或完整）</translation>
    </message>
    <message>
        <source>Error type or text</source>
        <translation>錯誤類型或內容</translation>
    </message>
    <message>
        <source>Status code</source>
        <translation>狀態碼</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>%1 per page</source>
        <translation>每頁 %1 筆</translation>
    </message>
    <message>
        <source>Error log unavailable: %1</source>
        <translation>錯誤日誌無法使用：%1</translation>
    </message>
    <message>
        <source>Details unavailable: %1</source>
        <translation>詳細資料無法使用：%1</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n entries.</source>
        <translation>
            <numerusform>已刪除 %n 筆記錄。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not deleted: %1</source>
        <translation>未刪除：%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>載入中…</translation>
    </message>
    <message>
        <source>Delete error log entries</source>
        <translation>刪除錯誤日誌記錄</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n selected entries?</source>
        <translation>
            <numerusform>要刪除所選的 %n 筆記錄嗎？</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete every entry of the error log, not only those shown?</source>
        <translation>要刪除錯誤日誌中的全部記錄（而不僅是目前顯示的）嗎？</translation>
    </message>
    <message numerus="yes">
        <source>Page %1 of %2 (%n entries)</source>
        <translation>
            <numerusform>第 %1 / %2 頁（共 %n 筆）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gb::KeyDetailDialog</name>
    <message>
        <source>never</source>
        <translation>從未</translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation>金鑰 %1</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小時</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>No calls in this range.</source>
        <translation>此時間範圍內沒有呼叫。</translation>
    </message>
    <message>
        <source>Usage unavailable: %1</source>
        <translation>用量資料無法使用：%1</translation>
    </message>
    <message>
        <source>No errors in the log for this key.</source>
        <translation>日誌中沒有此金鑰的錯誤。</translation>
    </message>
    <message>
        <source>The latest %1 of %2 errors.</source>
        <translation>最近 %1 筆錯誤（共 %2 筆）。</translation>
    </message>
    <message>
        <source>Errors unavailable: %1</source>
        <translation>錯誤資料無法使用：%1</translation>
    </message>
    <message>
        <source>Details unavailable: %1</source>
        <translation>詳細資料無法使用：%1</translation>
    </message>
    <message>
        <source>%1 succeeded, %2 failed</source>
        <translation>%1 次成功，%2 次失敗</translation>
    </message>
    <message>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <source>%1 for %2 (%3)</source>
        <translation>%1：還剩 %2（%3）</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>無</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>載入中…</translation>
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
    <message>
        <source>Calls today</source>
        <translation>今日呼叫次數</translation>
    </message>
    <message>
        <source>Tokens today</source>
        <translation>今日 Token 用量</translation>
    </message>
</context>
<context>
    <name>gb::KeyUsageModel</name>
    <message>
        <source>the database is not open</source>
        <translation>資料庫未開啟</translation>
    </message>
    <message>
        <source>(no model)</source>
        <translation>（無模型）</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>呼叫次數</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>失敗次數</translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation>提示 Token</translation>
    </message>
    <message>
        <source>Answer tokens</source>
        <translation>回答 Token</translation>
    </message>
    <message>
        <source>Total tokens</source>
        <translation>Token 總數</translation>
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
    <message>
        <source>Error log (database)</source>
        <translation>錯誤日誌（資料庫）</translation>
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
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>GemBalance — DEMO</source>
        <translation>GemBalance — 示範</translation>
    </message>
</context>
<context>
    <name>gb::ModelListModel</name>
    <message>
        <source>search alias</source>
        <translation>搜尋別名</translation>
    </message>
    <message>
        <source>image alias</source>
        <translation>圖片別名</translation>
    </message>
    <message>
        <source>non-thinking alias</source>
        <translation>非思考別名</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>已隱藏</translation>
    </message>
    <message>
        <source>dynamic</source>
        <translation>動態</translation>
    </message>
    <message>
        <source>Checked: hidden from model lists and refused in requests (FILTERED_MODELS)</source>
        <translation>勾選：從模型清單中隱藏並拒絕相關請求（FILTERED_MODELS）</translation>
    </message>
    <message>
        <source>Thinking budget in tokens (THINKING_BUDGET_MAP): -1 dynamic, empty for the default</source>
        <translation>思考預算，單位為 Token（THINKING_BUDGET_MAP）：-1 表示動態，留空表示預設值</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>顯示名稱</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Filtered</source>
        <translation>已過濾</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>思考預算</translation>
    </message>
</context>
<context>
    <name>gb::ModelsPage</name>
    <message>
        <source>The model list could not be fetched: %1</source>
        <translation>無法取得模型清單：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) served, aliases included; %1 hidden by FILTERED_MODELS.</source>
        <translation>
            <numerusform>共提供 %n 個模型（含別名）；%1 個被 FILTERED_MODELS 隱藏。</numerusform>
        </translation>
    </message>
    <message>
        <source>Fetching the model list…</source>
        <translation>正在取得模型清單…</translation>
    </message>
    <message>
        <source>THINKING_BUDGET_MAP: %1 is not a number of tokens.</source>
        <translation>THINKING_BUDGET_MAP：%1 不是有效的 Token 數。</translation>
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
    <message>
        <source>stopped: %1</source>
        <translation>已停止：%1</translation>
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
    <name>gb::ProxyLink</name>
    <message>
        <source>the server is stopped</source>
        <translation>伺服器已停止</translation>
    </message>
    <message>
        <source>the upstream answered HTTP %1</source>
        <translation>上游回傳 HTTP %1</translation>
    </message>
</context>
<context>
    <name>gb::SettingEditor</name>
    <message>
        <source>JSON array or comma-separated values</source>
        <translation>JSON 陣列或以逗號分隔的值</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>顯示</translation>
    </message>
    <message>
        <source>Show or hide the secret value</source>
        <translation>顯示或隱藏機密值</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>預設</translation>
    </message>
    <message>
        <source>Put the default value in the field (Apply saves it)</source>
        <translation>在欄位中填入預設值（按「套用」後儲存）</translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>Where the value in use comes from: default, .env, environment or saved</source>
        <translation>目前值的來源：預設、.env、環境變數或已儲存</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隱藏</translation>
    </message>
</context>
<context>
    <name>gb::SettingEditorGroup</name>
    <message>
        <source>Nothing to apply.</source>
        <translation>沒有需要套用的變更。</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was applied: %n setting(s) refused (%1).</source>
        <translation>
            <numerusform>未套用任何變更：%n 項設定被拒絕（%1）。</numerusform>
        </translation>
    </message>
    <message>
        <source>No value changed.</source>
        <translation>沒有值發生變更。</translation>
    </message>
    <message>
        <source>Applied and saved: %1.</source>
        <translation>已套用並儲存：%1。</translation>
    </message>
    <message>
        <source>Takes effect after a restart: %1.</source>
        <translation>重新啟動後生效：%1。</translation>
    </message>
</context>
<context>
    <name>gb::SettingSpec</name>
    <message>
        <source>Database backend, sqlite or mysql.</source>
        <translation>資料庫後端，sqlite 或 mysql。</translation>
    </message>
    <message>
        <source>SQLite database file name, relative to the data directory.</source>
        <translation>SQLite 資料庫檔名，相對於資料目錄。</translation>
    </message>
    <message>
        <source>MySQL server host name or address.</source>
        <translation>MySQL 伺服器主機名稱或位址。</translation>
    </message>
    <message>
        <source>MySQL server TCP port.</source>
        <translation>MySQL 伺服器 TCP 連接埠。</translation>
    </message>
    <message>
        <source>MySQL user name.</source>
        <translation>MySQL 使用者名稱。</translation>
    </message>
    <message>
        <source>MySQL password.</source>
        <translation>MySQL 密碼。</translation>
    </message>
    <message>
        <source>MySQL database (schema) name.</source>
        <translation>MySQL 資料庫（schema）名稱。</translation>
    </message>
    <message>
        <source>Path of a local MySQL Unix socket, used instead of host and port when set.</source>
        <translation>本機 MySQL Unix socket 路徑，設定後將取代主機與連接埠。</translation>
    </message>
    <message>
        <source>Gemini API keys that are pooled and rotated for upstream requests.</source>
        <translation>用於上游請求、在池中輪換使用的 Gemini API 金鑰。</translation>
    </message>
    <message>
        <source>Client tokens that are accepted for API access.</source>
        <translation>允許存取 API 的用戶端權杖。</translation>
    </message>
    <message>
        <source>Token that grants access to the admin pages and the admin API.</source>
        <translation>用於存取管理頁面與管理 API 的權杖。</translation>
    </message>
    <message>
        <source>Base URL of the Gemini API used for upstream requests.</source>
        <translation>用於上游請求的 Gemini API 基礎 URL。</translation>
    </message>
    <message>
        <source>Number of failures after which a key counts as invalid.</source>
        <translation>金鑰失敗達到此次數後即視為無效。</translation>
    </message>
    <message>
        <source>Model used to check whether a key works.</source>
        <translation>用於檢測金鑰是否可用的模型。</translation>
    </message>
    <message>
        <source>Upstream request timeout in seconds.</source>
        <translation>上游請求逾時時間（秒）。</translation>
    </message>
    <message>
        <source>Number of upstream attempts per request, the first one included.</source>
        <translation>每個請求的上游嘗試次數（含首次）。</translation>
    </message>
    <message>
        <source>Proxies for upstream requests, each scheme://[user:password@]host:port with scheme http, https or socks5.</source>
        <translation>上游請求使用的代理，格式為 scheme://[user:password@]host:port，scheme 可為 http、https 或 socks5。</translation>
    </message>
    <message>
        <source>Always send requests made with the same API key through the same proxy.</source>
        <translation>使用同一 API 金鑰的請求一律透過同一代理傳送。</translation>
    </message>
    <message>
        <source>Vertex AI Express API keys.</source>
        <translation>Vertex AI Express API 金鑰。</translation>
    </message>
    <message>
        <source>Base URL of the Vertex AI Express API.</source>
        <translation>Vertex AI Express API 的基礎 URL。</translation>
    </message>
    <message>
        <source>Map non-standard request paths to the matching API routes.</source>
        <translation>將非標準請求路徑對應到相符的 API 路由。</translation>
    </message>
    <message>
        <source>Extra HTTP headers added to every upstream Gemini request.</source>
        <translation>加入每個上游 Gemini 請求的額外 HTTP 標頭。</translation>
    </message>
    <message>
        <source>Largest accepted request body, in megabytes.</source>
        <translation>允許的最大請求內容大小（MB）。</translation>
    </message>
    <message>
        <source>Relayed requests in flight at most; beyond it a request gets 503 with Retry-After (0: no limit).</source>
        <translation>同時轉送的請求上限；超出時請求會收到帶有 Retry-After 的 503（0：不限制）。</translation>
    </message>
    <message>
        <source>How long a request beyond MAX_CONCURRENT_REQUESTS may wait for a free slot before its 503, in milliseconds (0: no wait).</source>
        <translation>超出 MAX_CONCURRENT_REQUESTS 的請求在回傳 503 前等待空閒名額的最長時間，單位為毫秒（0：不等待）。</translation>
    </message>
    <message>
        <source>Event loops serving clients, each on its own thread (0: one per CPU core, at most 8; https is served by one), read when the server starts (restart it to apply a change).</source>
        <translation>服務用戶端的事件迴圈數，每個執行在自己的執行緒上（0：每個 CPU 核心一個，最多 8 個；https 由一個迴圈服務），在伺服器啟動時讀取（重新啟動伺服器以套用變更）。</translation>
    </message>
    <message>
        <source>HTTP/2 to the upstream: auto (https negotiates it, http uses HTTP/1.1), off (never), or prior-knowledge (http upstreams spoken to as HTTP/2 cleartext, h2c).</source>
        <translation>與上游的 HTTP/2：auto（https 自動協商，http 使用 HTTP/1.1）、off（一律不使用）或 prior-knowledge（對 http 上游直接使用明文 HTTP/2，即 h2c）。</translation>
    </message>
    <message>
        <source>How the next key is chosen: round_robin, least_recently_used or weighted.</source>
        <translation>選擇下一個金鑰的方式：round_robin、least_recently_used 或 weighted。</translation>
    </message>
    <message>
        <source>Weights of keys for the weighted strategy, as a JSON object of key to weight (1 to 1000; default 1).</source>
        <translation>weighted 策略下各金鑰的權重，格式為金鑰對應權重的 JSON 物件（1 到 1000；預設 1）。</translation>
    </message>
    <message>
        <source>Upstream HTTP statuses that count towards MAX_FAILURES (a 400 only when the key is invalid).</source>
        <translation>計入 MAX_FAILURES 的上游 HTTP 狀態碼（400 僅在金鑰無效時計入）。</translation>
    </message>
    <message>
        <source>How much a server error or connection failure not listed in FAILURE_STATUS_CODES counts towards MAX_FAILURES (0: not at all); timeouts never count.</source>
        <translation>未列於 FAILURE_STATUS_CODES 的伺服器錯誤或連線失敗計入 MAX_FAILURES 的程度（0：完全不計入）；逾時一律不計入。</translation>
    </message>
    <message>
        <source>Rest after a rate limit that gives no retry delay, doubled on each further one for the same key and model.</source>
        <translation>遇到未提供重試延遲的限流後的冷卻時間，同一金鑰與模型每再次限流一次即加倍。</translation>
    </message>
    <message>
        <source>Longest rest after repeated rate limits (a daily quota always rests until midnight Pacific time).</source>
        <translation>多次限流後的最長冷卻時間（每日配額用盡時一律冷卻到太平洋時間午夜）。</translation>
    </message>
    <message>
        <source>How many keys are checked at once by verification and the scheduled health check.</source>
        <translation>驗證與排程健康檢查時同時檢查的金鑰數量。</translation>
    </message>
    <message>
        <source>Models that get a &quot;-search&quot; variant with Google Search grounding.</source>
        <translation>會產生具備 Google 搜尋基礎（grounding）之「-search」變體的模型。</translation>
    </message>
    <message>
        <source>Models that get an &quot;-image&quot; variant that can answer with images.</source>
        <translation>會產生可用圖片回答之「-image」變體的模型。</translation>
    </message>
    <message>
        <source>Models hidden from model lists and refused in requests.</source>
        <translation>從模型清單中隱藏並在請求中拒絕的模型。</translation>
    </message>
    <message>
        <source>Add the code execution tool to requests.</source>
        <translation>在請求中加入程式碼執行工具。</translation>
    </message>
    <message>
        <source>Add the URL context tool to requests for the URL context models.</source>
        <translation>為 URL 內容模型的請求加入 URL 內容工具。</translation>
    </message>
    <message>
        <source>Models that get the URL context tool when it is enabled.</source>
        <translation>啟用 URL 內容工具時可使用該工具的模型。</translation>
    </message>
    <message>
        <source>Append the links of search results to grounded answers.</source>
        <translation>在基礎（grounded）回答後附上搜尋結果連結。</translation>
    </message>
    <message>
        <source>Include the model&apos;s thoughts in answers.</source>
        <translation>在回答中包含模型的思考過程。</translation>
    </message>
    <message>
        <source>Models that get a &quot;-non-thinking&quot; variant.</source>
        <translation>會產生「-non-thinking」變體的模型。</translation>
    </message>
    <message>
        <source>Thinking budget in tokens per model, where -1 means dynamic.</source>
        <translation>各模型的思考預算（權杖數），-1 表示動態。</translation>
    </message>
    <message>
        <source>Safety settings (category and threshold) sent with every request.</source>
        <translation>隨每個請求傳送的安全設定（類別與門檻）。</translation>
    </message>
    <message>
        <source>Model used for text to speech.</source>
        <translation>用於文字轉語音的模型。</translation>
    </message>
    <message>
        <source>Voice used for text to speech.</source>
        <translation>用於文字轉語音的語音。</translation>
    </message>
    <message>
        <source>Speaking speed used for text to speech.</source>
        <translation>文字轉語音的語速。</translation>
    </message>
    <message>
        <source>Paid Gemini API key used for image generation.</source>
        <translation>用於產生圖片的付費 Gemini API 金鑰。</translation>
    </message>
    <message>
        <source>Model used to generate images.</source>
        <translation>用於產生圖片的模型。</translation>
    </message>
    <message>
        <source>Service that generated images are uploaded to: smms, picgo, cloudflare_imgbed or aliyun_oss.</source>
        <translation>所產生圖片的上傳服務：smms、picgo、cloudflare_imgbed 或 aliyun_oss。</translation>
    </message>
    <message>
        <source>SM.MS API token for image uploads.</source>
        <translation>用於上傳圖片的 SM.MS API 權杖。</translation>
    </message>
    <message>
        <source>PicGo API key for image uploads.</source>
        <translation>用於上傳圖片的 PicGo API 金鑰。</translation>
    </message>
    <message>
        <source>PicGo upload endpoint URL.</source>
        <translation>PicGo 上傳端點 URL。</translation>
    </message>
    <message>
        <source>CloudFlare ImgBed upload URL.</source>
        <translation>CloudFlare ImgBed 上傳 URL。</translation>
    </message>
    <message>
        <source>CloudFlare ImgBed authentication code.</source>
        <translation>CloudFlare ImgBed 驗證碼。</translation>
    </message>
    <message>
        <source>CloudFlare ImgBed folder that images are uploaded to.</source>
        <translation>圖片上傳至的 CloudFlare ImgBed 資料夾。</translation>
    </message>
    <message>
        <source>Aliyun OSS endpoint.</source>
        <translation>阿里雲 OSS 端點。</translation>
    </message>
    <message>
        <source>Aliyun OSS internal endpoint.</source>
        <translation>阿里雲 OSS 內網端點。</translation>
    </message>
    <message>
        <source>Aliyun OSS access key ID.</source>
        <translation>阿里雲 OSS AccessKey ID。</translation>
    </message>
    <message>
        <source>Aliyun OSS access key secret.</source>
        <translation>阿里雲 OSS AccessKey Secret。</translation>
    </message>
    <message>
        <source>Aliyun OSS bucket name.</source>
        <translation>阿里雲 OSS 儲存貯體名稱。</translation>
    </message>
    <message>
        <source>Aliyun OSS region.</source>
        <translation>阿里雲 OSS 區域。</translation>
    </message>
    <message>
        <source>Smooth streamed text by re-sending it in small paced pieces.</source>
        <translation>將串流文字拆成小段並按節奏重新傳送，使輸出更平順。</translation>
    </message>
    <message>
        <source>Shortest pause between streamed pieces, in seconds.</source>
        <translation>串流片段之間的最短間隔（秒）。</translation>
    </message>
    <message>
        <source>Longest pause between streamed pieces, in seconds.</source>
        <translation>串流片段之間的最長間隔（秒）。</translation>
    </message>
    <message>
        <source>Length in characters below which the optimizer treats a text as short.</source>
        <translation>低於此字元數時，最佳化工具將文字視為短文字。</translation>
    </message>
    <message>
        <source>Length in characters above which the optimizer treats a text as long.</source>
        <translation>高於此字元數時，最佳化工具將文字視為長文字。</translation>
    </message>
    <message>
        <source>Characters per piece when the optimizer sends a long text.</source>
        <translation>最佳化工具傳送長文字時每個片段的字元數。</translation>
    </message>
    <message>
        <source>Answer streaming requests from a non-streaming upstream call, sending keep-alive data while waiting.</source>
        <translation>透過非串流上游呼叫回應串流請求，並在等待期間傳送保持連線資料。</translation>
    </message>
    <message>
        <source>Seconds between keep-alive messages during a fake stream.</source>
        <translation>假串流期間傳送保持連線訊息的間隔（秒）。</translation>
    </message>
    <message>
        <source>Hours between re-checks of failed keys, where 0 turns the check off.</source>
        <translation>重新檢查失敗金鑰的間隔（小時），0 表示關閉檢查。</translation>
    </message>
    <message>
        <source>IANA time zone of scheduled jobs, or empty for the system time zone.</source>
        <translation>排程工作使用的 IANA 時區，留空則使用系統時區。</translation>
    </message>
    <message>
        <source>Owner of the GitHub repository that is checked for updates.</source>
        <translation>用於檢查更新的 GitHub 儲存庫擁有者。</translation>
    </message>
    <message>
        <source>Name of the GitHub repository that is checked for updates.</source>
        <translation>用於檢查更新的 GitHub 儲存庫名稱。</translation>
    </message>
    <message>
        <source>Lowest level of logged messages: DEBUG, INFO, WARNING, ERROR or CRITICAL.</source>
        <translation>記錄訊息的最低等級：DEBUG、INFO、WARNING、ERROR 或 CRITICAL。</translation>
    </message>
    <message>
        <source>Store the request body with each error log entry.</source>
        <translation>在每筆錯誤日誌記錄中儲存請求內容。</translation>
    </message>
    <message>
        <source>Delete old error log entries automatically.</source>
        <translation>自動刪除舊的錯誤日誌記錄。</translation>
    </message>
    <message>
        <source>Age in days after which error log entries are deleted.</source>
        <translation>錯誤日誌記錄保留的天數，超過後即刪除。</translation>
    </message>
    <message>
        <source>Delete old request log entries automatically.</source>
        <translation>自動刪除舊的請求日誌記錄。</translation>
    </message>
    <message>
        <source>Age in days after which request log entries are deleted.</source>
        <translation>請求日誌記錄保留的天數，超過後即刪除。</translation>
    </message>
    <message>
        <source>Remove expired uploaded files automatically.</source>
        <translation>自動移除已過期的上傳檔案。</translation>
    </message>
    <message>
        <source>Hours between clean-ups of expired files.</source>
        <translation>清理過期檔案的間隔（小時）。</translation>
    </message>
    <message>
        <source>Let each user list only the files they uploaded.</source>
        <translation>每位使用者只能列出自己上傳的檔案。</translation>
    </message>
    <message>
        <source>Lifetime of an admin session in seconds, from 300 to 86400.</source>
        <translation>管理工作階段的有效期（秒），範圍 300 到 86400。</translation>
    </message>
    <message>
        <source>PEM certificate file (its chain may follow it) that, with TLS_KEY_FILE, makes the server speak https only; read when the server starts (restart it to apply a change).</source>
        <translation>PEM 憑證檔案（其後可接憑證鏈），與 TLS_KEY_FILE 一起設定時伺服器只使用 https；在伺服器啟動時讀取（重新啟動伺服器以套用變更）。</translation>
    </message>
    <message>
        <source>Unencrypted PEM private key file of TLS_CERT_FILE; read when the server starts (restart it to apply a change).</source>
        <translation>TLS_CERT_FILE 的未加密 PEM 私密金鑰檔案；在伺服器啟動時讀取（重新啟動伺服器以套用變更）。</translation>
    </message>
</context>
<context>
    <name>gb::SettingsPage</name>
    <message>
        <source>Database</source>
        <translation>資料庫</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Key pool</source>
        <translation>金鑰池</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>TTS and images</source>
        <translation>TTS 與圖片</translation>
    </message>
    <message>
        <source>Streaming</source>
        <translation>串流</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>排程</translation>
    </message>
    <message>
        <source>Logging</source>
        <translation>日誌</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>Reverted to the values in use.</source>
        <translation>已還原為目前使用的值。</translation>
    </message>
    <message>
        <source>Listening on %1.</source>
        <translation>正在監聽 %1。</translation>
    </message>
    <message>
        <source>The server is stopped.</source>
        <translation>伺服器已停止。</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source>Check proxies</source>
        <translation>檢查代理</translation>
    </message>
    <message>
        <source>Reach the upstream through each proxy in the field (no key is sent)</source>
        <translation>透過欄位中的每個代理連線上游（不傳送任何金鑰）</translation>
    </message>
    <message>
        <source>No proxies: calls go straight to the upstream.</source>
        <translation>未設定代理：呼叫將直接送往上游。</translation>
    </message>
    <message numerus="yes">
        <source>Checking %n proxy(s)…</source>
        <translation>
            <numerusform>正在檢查 %n 個代理…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: works (%2 ms, the upstream answered HTTP %3)</source>
        <translation>%1：可用（%2 ms，上游回傳 HTTP %3）</translation>
    </message>
    <message>
        <source>%1: fails (%2)</source>
        <translation>%1：失敗（%2）</translation>
    </message>
    <message>
        <source>%1 is not an IP address.</source>
        <translation>%1 不是 IP 位址。</translation>
    </message>
    <message>
        <source>Restarting the server…</source>
        <translation>正在重新啟動伺服器…</translation>
    </message>
</context>
<context>
    <name>gb::TokenTableModel</name>
    <message>
        <source>Label</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>權杖</translation>
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
    <message>
        <source>Secrets (API keys, tokens, passwords) are stored in the system keychain; the database file only notes that they are there.</source>
        <translation>機密資訊（API 金鑰、權杖、密碼）儲存在系統鑰匙圈中；資料庫檔案只記錄它們存放在鑰匙圈。</translation>
    </message>
    <message>
        <source>Secrets are stored in the database file (no system keychain found). Keep that file private.</source>
        <translation>機密資訊儲存在資料庫檔案中（找不到系統鑰匙圈）。請妥善保管該檔案。</translation>
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
