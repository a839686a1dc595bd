using System.Text.RegularExpressions;

namespace Souk.Web.Modules.Chat;

/// <summary>
/// Spots a chat message asking to be paid outside Souk (bank transfer, payment link, card number, a phone number to pay to),
/// in the languages of Souk's five markets, so the reader sees a gentle warning: buyer protection only covers payments in Souk.
/// Conservative on purpose: a false warning on "HK$120, meet at 7pm, call 9123 4567" teaches people to ignore it, so a bare
/// price, order number or phone number never triggers; a phone or account number counts only next to a payment word.
/// </summary>
public static partial class PaymentSafety
{
    public static bool LooksLikeOffPlatformPayment(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        // Full-width digits and letters (common in Chinese input methods) become ASCII.
        var t = text.Normalize(System.Text.NormalizationForm.FormKC);
        if (PaymentLink().IsMatch(t) || Iban().IsMatch(t) || PayOutside().IsMatch(t)) return true;
        var number = AccountNumber().Matches(t).Any(m => !MobileNumber().IsMatch(m.Value.Replace(" ", "").Replace("-", "")));
        // A transfer word makes any number or payment handle a payment detail; a plain "pay" only an account-like number
        // (a meet-up message says "pay cash, call 9123 4567", and that is fine).
        if (TransferWord().IsMatch(t) && (number || PhoneNumber().IsMatch(t) || PaymentHandle().IsMatch(t))) return true;
        return number && PayWord().IsMatch(t);
    }

    /// <summary>Links to payment services: a link to pay is a request to pay there.</summary>
    [GeneratedRegex(@"\b(?:paypal\.me|paypal\.com/(?:paypalme|send)|wise\.com/pay|revolut\.me|payme\.hsbc(?:\.com\.hk)?|qr\.alipay\.com|buy\.stripe\.com|venmo\.com|cash\.app|monzo\.me|qiwi\.com|yoomoney\.ru/to|satispay\.com)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PaymentLink();

    /// <summary>An IBAN: country letters, check digits, then at least 11 letters and digits (spaces allowed in groups of four).</summary>
    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,4})?\b")]
    private static partial Regex Iban();

    /// <summary>Asking to pay around Souk, or by a channel that only exists outside it, whatever the number.</summary>
    [GeneratedRegex(
        @"\bpay\s+(?:me\s+)?(?:directly|outside|off[- ]?(?:app|platform|souk))\b|\bpay\s+(?:me\s+)?(?:by|via|through|with|on)\s+(?:paypal|venmo|wise|revolut|zelle|cash\s*app|bank|wire|transfer)\b" +
        @"|\b(?:transfer|send)\s+(?:the\s+)?(?:money|payment|it)\s+(?:directly|to\s+my\s+(?:bank|account|card))\b|\b(?:bank|wire)\s+transfer\b|\b(?:western\s+union|moneygram)\b" +
        @"|直接(?:俾錢|畀錢|付款|付錢|付钱|轉賬|转账|轉帳|過數|过数)|私下(?:交易|付款|轉賬|转账)|(?:唔好|不要|别|別|唔使|不用)(?:用|經|经|走)\s*souk" +
        @"|銀行過數|银行过数|轉數快|转数快|\bFPS\s*(?:id\b|號碼|号码|[:：#])|\bPayMe\b|微信(?:支付|转账|轉賬|收款)|支付宝|支付寶|\balipay\b|\bwechat\s*pay\b|汇款|匯款|转账|轉賬|轉帳" +
        @"|перевод(?:ом)?\s+на\s+карт|переведи(?:те)?\s+(?:мне\s+)?на\s+карт|номер\s+карты|по\s+номеру\s+(?:карты|телефона)|\bСБП\b|оплат\w*\s+напрямую|минуя\s+(?:сайт|souk|площадку)|на\s+сбер" +
        @"|\bbonifico\b|\bpostepay\b|paga(?:mi|re)?\s+(?:direttamente|fuori\s+(?:da\s+)?souk)|\bsatispay\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex PayOutside();

    /// <summary>Words that make a nearby phone or account number a place to send money to.</summary>
    [GeneratedRegex(
        @"\b(?:transfer|wire|deposit|iban|sort\s*code|swift|routing|account\s*(?:no|number|#)|acct|bank\s*(?:account|acc|details)|card\s*(?:no|number)|paypal|venmo|zelle|wise|revolut|payme|fps)\b" +
        @"|入數|入数|過數|过数|收款|帳號|账号|賬號|帳戶|账户|戶口|户口|卡號|卡号|銀行卡|银行卡" +
        @"|перев[ео]д|переведи|реквизит|на\s+карт|сч[её]т\b" +
        @"|ricarica|conto\s+corrente|numero\s+(?:di\s+)?(?:conto|carta)|versa(?:mi|re)?\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex TransferWord();

    /// <summary>Plain payment words: enough only next to an account or card number, never next to a phone number.</summary>
    [GeneratedRegex(@"\b(?:pay|payment|bank)\b|付款|付錢|付钱|俾錢|畀錢|銀行|银行|оплат|банк|\bpaga(?:mento|re|mi)?\b|\bcarta\b|\bconto\b", RegexOptions.IgnoreCase)]
    private static partial Regex PayWord();

    /// <summary>An account or card number: 9 to 23 digits, possibly grouped with spaces or dashes; not an "#order" number.</summary>
    [GeneratedRegex(@"(?<![\d#+])\d(?:[ -]?\d){8,22}(?!\d)")]
    private static partial Regex AccountNumber();

    /// <summary>A mainland China mobile number (11 digits from 13x to 19x), which is a phone, not an account.</summary>
    [GeneratedRegex(@"^(?:86)?1[3-9]\d{9}$")]
    private static partial Regex MobileNumber();

    /// <summary>A phone number: 8 digits (Hong Kong), 11 from 1 (mainland China), or an international +number.</summary>
    [GeneratedRegex(@"(?<![\d#])\d{4}[ -]?\d{4}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)|\+\d[\d -]{7,16}\d")]
    private static partial Regex PhoneNumber();

    /// <summary>A payment app handle such as "paypal: seller@x" or a "$cashtag".</summary>
    [GeneratedRegex(@"(?:^|\s)\$[A-Za-z][A-Za-z0-9_]{2,}|\b(?:paypal|venmo|revolut|wise)\s*[:：]\s*\S+", RegexOptions.IgnoreCase)]
    private static partial Regex PaymentHandle();
}
