using Souk.Web.Modules.Chat;

namespace Souk.Tests.Chat;

/// <summary>The off-platform payment detector, case by case in the five markets' languages: what must warn and what must not.</summary>
public sealed class PaymentSafetyTests
{
    public static TheoryData<string> AsksToPayOutside => new()
    {
        // English
        "Just pay me directly and I'll post it today",
        "Can you pay via PayPal instead? paypal.me/camerastore",
        "Send it to https://revolut.me/annakowal",
        "Bank transfer is fine, account number 123-456789-001",
        "My IBAN is GB29 NWBK 6016 1331 9268 19, send it there",
        "Wise works too: wise.com/pay/me/annak",
        "Transfer the money to my account and I'll ship",
        "Deposit to 012-345678-9 HSBC and send me the receipt",
        "pay with venmo: @lens-guy",
        // Traditional Chinese (Hong Kong)
        "可以用轉數快嗎？FPS ID: 1234567",
        "直接俾錢我啦，唔好經Souk",
        "銀行過數就得，戶口 012-345-67890-1",
        "PayMe 我 9123 4567 就得",
        "麻煩入數到 123456789012 再 whatsapp 收據俾我",
        // Simplified Chinese (mainland)
        "加我微信转账吧，便宜点",
        "支付宝付款到 13812345678 就行",
        "你直接汇款到我的银行卡 6222 0210 0112 3456 789",
        "私下交易更便宜，不要走souk",
        // Italian
        "Puoi fare un bonifico? IBAN IT60 X054 2811 1010 0000 0123 456",
        "Ricarica PostePay 4023 6009 1234 5678 e spedisco subito",
        "Pagami direttamente, fuori da Souk costa meno",
        "Versami su satispay e ti mando la borsa",
        // Russian
        "Переведите на карту 2202 2036 1234 5678",
        "Можно перевод по СБП на номер +7 916 123-45-67",
        "Скину номер карты, оплатите напрямую",
        "Оплата минуя сайт, так дешевле",
    };

    public static TheoryData<string> OrdinaryMessages => new()
    {
        // English
        "Is this still available? I can pay HK$850.",
        "Let's meet at Mong Kok MTR exit E2 at 7pm, call me on 9123 4567",
        "My order number is #2024112312345, when will it ship?",
        "I'll pay cash when we meet, my number is 6123 4567",
        "The lens is 50mm f/1.8, serial 123456789 on the back",
        "Price is firm at $1,200, no lower",
        "Can you do 980? I'll pay through Souk today.",
        "Bank of China building entrance at 3pm? Text 5123 4567",
        // Traditional Chinese
        "仲有冇貨？HK$120 得唔得？",
        "旺角地鐵站 E2 出口等，電話 9123 4567",
        "訂單編號 #20241123001，幾時寄出？",
        "面交付款，可以嗎？",
        // Simplified Chinese
        "还在吗？能便宜到 ¥800 吗？",
        "周六下午在人民广场见面，电话 13812345678",
        "加我微信聊一下细节",
        // Italian
        "È ancora disponibile? Offro 45 €",
        "Ci vediamo in Piazza Duomo alle 18, chiamami al 333 123 4567",
        "Il numero d'ordine è 100245, grazie",
        // Russian
        "Ещё продаёте? Могу предложить 3 500 ₽",
        "Встретимся у метро Охотный ряд в 19:00, мой телефон +7 916 123-45-67",
        "Номер заказа 78345, когда отправите?",
        "",
    };

    [Theory]
    [MemberData(nameof(AsksToPayOutside))]
    public void A_request_to_pay_outside_Souk_is_recognised(string text) =>
        Assert.True(PaymentSafety.LooksLikeOffPlatformPayment(text), text);

    [Theory]
    [MemberData(nameof(OrdinaryMessages))]
    public void Prices_order_numbers_and_meet_up_phone_numbers_are_left_alone(string text) =>
        Assert.False(PaymentSafety.LooksLikeOffPlatformPayment(text), text);
}
