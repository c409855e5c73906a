//! Wording that gives chrome away, in English, German, French, Spanish,
//! Italian and Portuguese. Phrases are matched lower-case inside short blocks;
//! a strong phrase decides alone, weak ones need a second cue.

use crate::label::Label;

pub struct Cue {
    pub label: Label,
    pub strong: &'static [&'static str],
    pub weak: &'static [&'static str],
}

pub const PAYWALL: Cue = Cue {
    label: Label::Paywall,
    strong: &[
        // en
        "sign up to read",
        "subscribe to read",
        "subscribe to continue",
        "continue reading with a",
        "to continue reading",
        "already a member",
        "already a subscriber",
        "already subscribed",
        "already have an account",
        "free articles left",
        "free articles this month",
        "of your free",
        "you've read",
        "you have read",
        "free article left",
        "free stories left",
        "articles remaining",
        "you've reached your",
        "you have reached your",
        "unlock this article",
        "this article is for subscribers",
        "for subscribers only",
        "subscribers only",
        "start your free trial",
        "one subscription",
        "get unlimited access",
        "unlimited digital access",
        "create a free account to",
        "register to continue",
        "sign in to continue",
        "log in to continue",
        "to read the full",
        "become a member to",
        "subscribe for full access",
        "access to news from",
        // de
        "jetzt abonnieren",
        "weiterlesen mit",
        "bereits abonnent",
        "schon abonnent",
        "bereits registriert",
        "exklusiv für abonnenten",
        "nur für abonnenten",
        "um weiterzulesen",
        "zum weiterlesen",
        "artikel freischalten",
        "ich habe bereits ein abo",
        "kostenlose artikel",
        "sie haben bereits",
        "kostenlose beiträge",
        "abo abschließen",
        "lesen sie mit",
        "plus-artikel",
        "jetzt weiterlesen",
        // fr
        "déjà abonné",
        "abonnez-vous",
        "pour lire la suite",
        "lire la suite de cet article",
        "réservé aux abonnés",
        "article réservé",
        "articles gratuits",
        "offre d'essai",
        "il vous reste",
        "vous avez lu",
        "articles offerts",
        // es
        "suscríbete para",
        "suscribete para",
        "ya eres suscriptor",
        "ya estás suscrito",
        "para seguir leyendo",
        "para continuar leyendo",
        "exclusivo para suscriptores",
        "artículos gratuitos",
        "has leído",
        "noticias gratis",
        "artículos gratis",
        "hazte suscriptor",
        "contenido exclusivo para",
        // it
        "abbonati per",
        "sei già abbonato",
        "già abbonato",
        "per continuare a leggere",
        "riservato agli abbonati",
        "articoli gratuiti",
        "hai letto",
        "articoli gratis",
        "contenuto riservato",
        // pt
        "assine para",
        "já é assinante",
        "ja e assinante",
        "para continuar lendo",
        "para continuar a ler",
        "exclusivo para assinantes",
        "conteúdo exclusivo para",
        "artigos gratuitos",
        "você já leu",
        "reportagens gratuitas",
        "matérias gratuitas",
        "já é assinante?",
    ],
    weak: &[
        "subscribe",
        "subscription",
        "sign in",
        "log in",
        "sign up",
        "member",
        "premium",
        "free trial",
        "abonnieren",
        "abo",
        "anmelden",
        "abonnement",
        "s'abonner",
        "se connecter",
        "suscríbete",
        "suscripción",
        "inicia sesión",
        "abbonati",
        "abbonamento",
        "accedi",
        "assine",
        "assinatura",
        "entrar",
        "faça login",
    ],
};

pub const APP_PROMO: Cue = Cue {
    label: Label::AppPromo,
    strong: &[
        // en
        "download the app",
        "download our app",
        "get the app",
        "open in app",
        "open in the app",
        "read in the app",
        "read it in the app",
        "install the app",
        "try the app",
        "continue in app",
        "one app.",
        "download on the app store",
        "get it on google play",
        "available on the app store",
        // de
        "app herunterladen",
        "app laden",
        "jetzt die app",
        "app öffnen",
        "in der app lesen",
        "unsere app",
        "zur app",
        // fr
        "télécharger l'application",
        "téléchargez l'application",
        "téléchargez notre application",
        "ouvrir dans l'application",
        "télécharger l'appli",
        "téléchargez l'appli",
        // es
        "descarga la app",
        "descargar la app",
        "descarga nuestra app",
        "abrir en la app",
        "descarga la aplicación",
        "descargue la aplicación",
        // it
        "scarica l'app",
        "scarica la nostra app",
        "apri nell'app",
        "scarica l'applicazione",
        // pt
        "baixe o app",
        "baixe o aplicativo",
        "baixar o app",
        "abrir no app",
        "descarregue a app",
        "descarregue a aplicação",
    ],
    weak: &[
        "app store",
        "google play",
        "one app",
        "app",
        "application",
        "aplicativo",
        "aplicación",
    ],
};

pub const LINK_FARM_HEADINGS: Cue = Cue {
    label: Label::LinkFarm,
    strong: &[
        // en
        "related",
        "recommended",
        "you may also like",
        "you might also like",
        "you may have missed",
        "more from",
        "more stories",
        "more news",
        "top stories",
        "trending",
        "most read",
        "most popular",
        "most viewed",
        "our picks",
        "editor's picks",
        "editors' picks",
        "read next",
        "read more",
        "also read",
        "don't miss",
        "around the web",
        "sponsored",
        "promoted",
        "from the web",
        "more like this",
        "recommended for you",
        "in case you missed",
        "up next",
        "latest news",
        "popular now",
        "what to read next",
        "more on this",
        // de
        "mehr zum thema",
        "könnte sie auch interessieren",
        "auch interessant",
        "meistgelesen",
        "meist gelesen",
        "empfehlungen",
        "weitere artikel",
        "top-artikel",
        "lesen sie auch",
        "mehr aus",
        "gesponsert",
        "das könnte dich",
        "beliebteste",
        // fr
        "lire aussi",
        "à lire aussi",
        "sur le même sujet",
        "les plus lus",
        "les plus populaires",
        "nos recommandations",
        "vous aimerez aussi",
        "à découvrir",
        "dans la même rubrique",
        "sponsorisé",
        "contenus sponsorisés",
        "plus d'articles",
        "notre sélection",
        // es
        "relacionad",
        "lo más leído",
        "lo más visto",
        "te puede interesar",
        "más noticias",
        "recomendado",
        "patrocinado",
        "te recomendamos",
        "otras noticias",
        "lo último",
        // it
        "potrebbe interessarti",
        "ti potrebbe interessare",
        "più letti",
        "correlati",
        "leggi anche",
        "consigliati",
        "sponsorizzato",
        "altre notizie",
        "da non perdere",
        // pt
        "leia também",
        "leia mais",
        "mais lidas",
        "mais lidos",
        "relacionad",
        "você também pode gostar",
        "recomendad",
        "patrocinado",
        "mais notícias",
        "veja também",
        "últimas notícias",
    ],
    weak: &[],
};

/// Lead-ins of a single related link inside the body.
pub const READ_ALSO: &[&str] = &[
    "read also",
    "also read",
    "read more",
    "related:",
    "lire aussi",
    "à lire aussi",
    "lesen sie auch",
    "mehr zum thema",
    "lee también",
    "leer más",
    "leggi anche",
    "leia também",
    "leia mais",
    "ler também",
];

pub const NEWSLETTER: Cue = Cue {
    label: Label::Newsletter,
    strong: &[
        "newsletter",
        "sign up for our",
        "delivered to your inbox",
        "in your inbox",
        "straight to your inbox",
        "boletín",
        "iscriviti alla",
        "inscrivez-vous à",
        "cadastre-se",
        "receba as",
        "e-mail-adresse",
        "your email address",
        "votre adresse e-mail",
        "tu correo",
        "la tua email",
        "seu e-mail",
    ],
    weak: &[
        "subscribe",
        "sign up",
        "email",
        "e-mail",
        "abonnieren",
        "inscrivez",
        "suscríbete",
        "iscriviti",
        "inscreva",
    ],
};

pub const CONSENT: Cue = Cue {
    label: Label::Consent,
    strong: &[
        "we use cookies",
        "this site uses cookies",
        "this website uses cookies",
        "cookie settings",
        "cookie policy",
        "accept all cookies",
        "cookie-einstellungen",
        "wir verwenden cookies",
        "diese website verwendet cookies",
        "nous utilisons des cookies",
        "ce site utilise des cookies",
        "utilizamos cookies",
        "usamos cookies",
        "utilizziamo i cookie",
        "questo sito utilizza",
        "utilizamos cookies",
        "este site utiliza cookies",
        "your privacy choices",
        "manage consent",
        "we value your privacy",
        "store and/or access information",
        "manage preferences",
        "cookie preferences",
        "tu privacidad",
        "nuestros socios",
        "la tua privacy",
        "vos choix",
        "votre vie privée",
        "ihre privatsphäre",
        "sua privacidade",
        "nossos parceiros",
        "i nostri partner",
        "nos partenaires",
        "unsere partner",
        "cookies und ähnliche",
        "accept cookies",
        "reject all",
        "alle ablehnen",
        "tout refuser",
        "rechazar todo",
        "rifiuta tutto",
        "rejeitar tudo",
        "ihre zustimmung",
        "votre accord",
        "tu consentimiento",
        "il tuo consenso",
        "seu consentimento",
    ],
    weak: &[
        "cookie",
        "cookies",
        "consent",
        "privacy",
        "accept all",
        "alle akzeptieren",
        "datenschutz",
        "einwilligung",
        "tout accepter",
        "accepter",
        "aceptar",
        "accetta",
        "aceitar",
        "gdpr",
    ],
};

pub const SOCIAL: Cue = Cue {
    label: Label::Social,
    strong: &[
        "share this",
        "share on",
        "share article",
        "share the article",
        "follow us",
        "artikel teilen",
        "folgen sie uns",
        "teilen auf",
        "partager sur",
        "partager l'article",
        "suivez-nous",
        "compartir en",
        "síguenos",
        "condividi su",
        "seguici",
        "compartilhe",
        "compartilhar",
        "siga-nos",
        "partilhar",
    ],
    weak: &[
        "share",
        "teilen",
        "partager",
        "compartir",
        "condividi",
        "tweet",
        "facebook",
        "whatsapp",
    ],
};

pub const COMMENTS: Cue = Cue {
    label: Label::Comments,
    strong: &[
        "comments",
        "réactions",
        "reacciones",
        "reazioni",
        "reações",
        "leserkommentare",
        "leave a reply",
        "leave a comment",
        "join the conversation",
        "reader comments",
        "kommentare",
        "kommentieren",
        "commentaires",
        "comentarios",
        "commenti",
        "comentários",
        "deja un comentario",
        "laisser un commentaire",
        "lascia un commento",
        "deixe um comentário",
    ],
    weak: &[],
};

/// Hosts of app stores and app deep links: a link here is an app promotion.
/// Lines every site's footer has.
pub const LEGAL: Cue = Cue {
    label: Label::Navigation,
    strong: &[
        "©",
        "all rights reserved",
        "alle rechte vorbehalten",
        "tous droits réservés",
        "todos los derechos",
        "tutti i diritti",
        "todos os direitos",
        "impressum",
        "mentions légales",
        "aviso legal",
        "note legali",
        "terms of service",
        "terms of use",
        "privacy policy",
        "datenschutzerklärung",
    ],
    weak: &[],
};

pub const APP_STORE_HOSTS: &[&str] = &[
    "apps.apple.com",
    "itunes.apple.com",
    "play.google.com",
    "appgallery.huawei.com",
    "microsoft.com/store",
    "onelink.me",
    ".app.link",
    "app.adjust.com",
    "smart.link",
];

/// Image names and alt texts of store badges.
pub const STORE_BADGE_WORDS: &[&str] = &[
    "app store",
    "app-store",
    "appstore",
    "app_store",
    "google play",
    "google-play",
    "googleplay",
    "play store",
    "play-store",
    "playstore",
    "get it on",
    "download on the",
];

/// Share-intent URLs of social networks.
pub const SHARE_URLS: &[&str] = &[
    "facebook.com/sharer",
    "facebook.com/share",
    "twitter.com/intent",
    "twitter.com/share",
    "x.com/intent",
    "x.com/share",
    "linkedin.com/sharing",
    "linkedin.com/sharearticle",
    "linkedin.com/shareArticle",
    "pinterest.com/pin/create",
    "reddit.com/submit",
    "wa.me/",
    "whatsapp://",
    "api.whatsapp.com/send",
    "t.me/share",
    "telegram.me/share",
    "mailto:?",
    "bsky.app/intent",
    "threads.net/intent",
    "xing.com/spi/shares",
    "tumblr.com/share",
];

/// Profile pages of social networks: a row of these is a follow bar.
pub const SOCIAL_HOSTS: &[&str] = &[
    "facebook.com/",
    "twitter.com/",
    "x.com/",
    "instagram.com/",
    "linkedin.com/",
    "youtube.com/@",
    "tiktok.com/@",
    "threads.net/",
    "bsky.app/",
    "pinterest.com/",
    "t.me/",
];

/// Class and id words of ad slots (matched as whole tokens of `class`/`id`).
pub const AD_TOKENS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adslot",
    "adunit",
    "adsense",
    "adsbygoogle",
    "dfp",
    "gpt",
    "ad-slot",
    "banner-ad",
    "anzeige",
    "werbung",
    "publicite",
    "pub",
    "publicidad",
    "pubblicita",
    "publicidade",
    "sponsored-ad",
    "adbox",
    "adcontainer",
    "ad_slot",
];

/// Class/id words of sponsored headline widgets.
pub const SPONSORED_WIDGET_TOKENS: &[&str] = &[
    "taboola",
    "outbrain",
    "revcontent",
    "mgid",
    "zergnet",
    "plista",
    "ligatus",
    "nativo",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Paywall,
    AppPromo,
    LinkFarmHeading,
    Newsletter,
    Consent,
    Social,
    Comments,
    Legal,
}

const ALL: [(&Cue, CueKind); 8] = [
    (&PAYWALL, CueKind::Paywall),
    (&APP_PROMO, CueKind::AppPromo),
    (&LINK_FARM_HEADINGS, CueKind::LinkFarmHeading),
    (&NEWSLETTER, CueKind::Newsletter),
    (&CONSENT, CueKind::Consent),
    (&SOCIAL, CueKind::Social),
    (&COMMENTS, CueKind::Comments),
    (&LEGAL, CueKind::Legal),
];

/// A phrase found in a block. Strong phrases may run on into a longer word
/// ("relacionad" matches "relacionadas"); weak ones are whole words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub kind: CueKind,
    pub strong: bool,
    pub phrase: &'static str,
}

type Candidates = Vec<(&'static str, CueKind, bool)>;

/// Phrases keyed by their first two bytes: a block's text is scanned once,
/// looking up each word start, instead of once per phrase.
struct Index {
    /// For each byte pair, 1 + the index of its bucket (0: none).
    table: Vec<u16>,
    buckets: Vec<Candidates>,
}

fn index() -> &'static Index {
    static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = Index {
            table: vec![0; 1 << 16],
            buckets: Vec::new(),
        };
        for (cue, kind) in ALL {
            for (list, strong) in [(cue.strong, true), (cue.weak, false)] {
                for &phrase in list {
                    let b = phrase.as_bytes();
                    let key = (b[0] as usize) << 8 | *b.get(1).unwrap_or(&0) as usize;
                    if index.table[key] == 0 {
                        index.buckets.push(Vec::new());
                        index.table[key] = index.buckets.len() as u16;
                    }
                    index.buckets[index.table[key] as usize - 1].push((phrase, kind, strong));
                }
            }
        }
        index
    })
}

/// Every cue phrase in lower-cased `text` that starts at a word start.
pub fn scan(text: &str) -> Vec<Hit> {
    let index = index();
    let bytes = text.as_bytes();
    let mut hits: Vec<Hit> = Vec::new();
    let mut prev_word = false;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric();
        if prev_word && word {
            continue;
        }
        prev_word = word;
        let key = (bytes[i] as usize) << 8 | *bytes.get(i + 1).unwrap_or(&0) as usize;
        let bucket = index.table[key];
        if bucket == 0 {
            continue;
        }
        let rest = &text[i..];
        for &(phrase, kind, strong) in &index.buckets[bucket as usize - 1] {
            if !rest.starts_with(phrase) {
                continue;
            }
            let after = rest[phrase.len()..].chars().next();
            let whole = !after.is_some_and(char::is_alphanumeric)
                || !phrase.chars().last().is_some_and(char::is_alphanumeric);
            if (strong || whole) && !hits.iter().any(|h| h.phrase == phrase && h.kind == kind) {
                hits.push(Hit {
                    kind,
                    strong,
                    phrase,
                });
            }
        }
    }
    hits
}
