package lint

import (
	"strings"
	"sync"

	"github.com/termsmith/termsmith/internal/lazy"
)

// builtinNames are capitalised words and phrases that are names in any
// Dutch or English text, never defined terms: countries, nationalities and
// languages, months and days, and the institutions and laws terms cite.
var builtinNames = sync.OnceValue(func() []string {
	var out []string
	for _, list := range []string{countriesEN, countriesNL, nationalitiesEN, nationalitiesNL, calendar, institutions, laws} {
		for _, n := range strings.Split(list, ",") {
			if n = strings.TrimSpace(n); n != "" {
				out = append(out, n)
			}
		}
	}
	return out
})

// The lists behind builtinNames, comma-separated.
const (
	countriesEN = `Afghanistan, Albania, Algeria, Andorra, Angola, Antigua and Barbuda, Argentina, Armenia, Australia,
Austria, Azerbaijan, Bahamas, Bahrain, Bangladesh, Barbados, Belarus, Belgium, Belize, Benin, Bhutan,
Bolivia, Bosnia and Herzegovina, Botswana, Brazil, Brunei, Bulgaria, Burkina Faso, Burundi, Cambodia,
Cameroon, Canada, Cape Verde, Central African Republic, Chad, Chile, China, Colombia, Comoros, Congo,
Costa Rica, Croatia, Cuba, Cyprus, Czech Republic, Czechia, Denmark, Djibouti, Dominica, Dominican Republic,
East Timor, Ecuador, Egypt, El Salvador, Equatorial Guinea, Eritrea, Estonia, Eswatini, Ethiopia, Fiji,
Finland, France, Gabon, Gambia, Georgia, Germany, Ghana, Greece, Grenada, Guatemala, Guinea, Guinea-Bissau,
Guyana, Haiti, Honduras, Hong Kong, Hungary, Iceland, India, Indonesia, Iran, Iraq, Ireland, Israel, Italy,
Ivory Coast, Jamaica, Japan, Jordan, Kazakhstan, Kenya, Kiribati, Kosovo, Kuwait, Kyrgyzstan, Laos, Latvia,
Lebanon, Lesotho, Liberia, Libya, Liechtenstein, Lithuania, Luxembourg, Madagascar, Malawi, Malaysia,
Maldives, Mali, Malta, Marshall Islands, Mauritania, Mauritius, Mexico, Micronesia, Moldova, Monaco,
Mongolia, Montenegro, Morocco, Mozambique, Myanmar, Namibia, Nauru, Nepal, Netherlands, New Zealand,
Nicaragua, Niger, Nigeria, North Korea, North Macedonia, Norway, Oman, Pakistan, Palau, Palestine, Panama,
Papua New Guinea, Paraguay, Peru, Philippines, Poland, Portugal, Qatar, Romania, Russia, Rwanda,
Saint Kitts and Nevis, Saint Lucia, Saint Vincent and the Grenadines, Samoa, San Marino, Saudi Arabia,
Senegal, Serbia, Seychelles, Sierra Leone, Singapore, Slovakia, Slovenia, Solomon Islands, Somalia,
South Africa, South Korea, South Sudan, Spain, Sri Lanka, Sudan, Suriname, Sweden, Switzerland, Syria,
Taiwan, Tajikistan, Tanzania, Thailand, Togo, Tonga, Trinidad and Tobago, Tunisia, Turkey, Türkiye,
Turkmenistan, Tuvalu, Uganda, Ukraine, United Arab Emirates, United Kingdom, United States,
United States of America, Uruguay, Uzbekistan, Vanuatu, Vatican City, Venezuela, Vietnam, Yemen, Zambia,
Zimbabwe, Europe, Africa, Asia, America, North America, South America, Latin America, Oceania,
European Economic Area, Crimea, Aruba, Curaçao, Sint Maarten, Bonaire, England, Scotland, Wales,
Northern Ireland, Great Britain, California, Delaware, New York, Washington, Texas, Amsterdam,
Rotterdam, Utrecht, The Hague, Brussels, London, Paris, Berlin, Dublin`

	countriesNL = `Afghanistan, Albanië, Algerije, Angola, Argentinië, Armenië, Australië, Azerbeidzjan, Bahama's,
Bahrein, Bangladesh, Belarus, Wit-Rusland, België, Bolivia, Bosnië en Herzegovina, Brazilië, Bulgarije,
Cambodja, Canada, Centraal-Afrikaanse Republiek, Chili, Colombia, Costa Rica, Cuba, Cyprus, Denemarken,
Dominicaanse Republiek, Duitsland, Ecuador, Egypte, Estland, Ethiopië, Filipijnen, Finland, Frankrijk,
Georgië, Ghana, Griekenland, Guatemala, Haïti, Honduras, Hongarije, Ierland, IJsland, India, Indonesië,
Irak, Iran, Israël, Italië, Ivoorkust, Jamaica, Japan, Jemen, Jordanië, Kaapverdië, Kameroen, Kazachstan,
Kenia, Kosovo, Koeweit, Kroatië, Letland, Libanon, Liberia, Libië, Liechtenstein, Litouwen, Luxemburg,
Madagaskar, Maleisië, Malta, Marokko, Mauritius, Mexico, Moldavië, Monaco, Mongolië, Montenegro,
Mozambique, Myanmar, Namibië, Nederland, Nieuw-Zeeland, Nigeria, Noord-Korea, Noord-Macedonië, Noorwegen,
Oekraïne, Oezbekistan, Oostenrijk, Pakistan, Palestina, Panama, Paraguay, Peru, Polen, Portugal, Qatar,
Roemenië, Rusland, Rwanda, Saoedi-Arabië, Senegal, Servië, Singapore, Slovenië, Slowakije, Somalië, Spanje,
Sri Lanka, Soedan, Suriname, Syrië, Taiwan, Tanzania, Thailand, Tsjechië, Tunesië, Turkije, Uganda, Uruguay,
Venezuela, Verenigd Koninkrijk, Verenigde Arabische Emiraten, Verenigde Staten, Verenigde Staten van Amerika,
Vietnam, Zambia, Zimbabwe, Zuid-Afrika, Zuid-Korea, Zweden, Zwitserland, Europa, Afrika, Azië, Amerika,
Noord-Amerika, Zuid-Amerika, Oceanië, Europese Economische Ruimte, Engeland, Schotland, Groot-Brittannië,
Aruba, Curaçao, Sint Maarten, Bonaire, Caribisch Nederland, Den Haag, ’s-Gravenhage, Brussel, Londen, Parijs,
Berlijn, Amsterdam, Rotterdam, Utrecht, Eindhoven, Groningen, Arnhem, Zwolle, Leeuwarden, Maastricht`

	nationalitiesEN = `American, Australian, Austrian, Belgian, British, Bulgarian, Canadian, Chinese, Croatian, Czech,
Danish, Dutch, English, Estonian, European, Finnish, French, German, Greek, Hungarian, Indian, Irish, Italian,
Japanese, Latvian, Lithuanian, Luxembourgish, Maltese, Norwegian, Polish, Portuguese, Romanian, Russian,
Scottish, Slovak, Slovenian, Spanish, Swedish, Swiss, Turkish, Ukrainian, Welsh, Frisian, Arabic, Hindi`

	nationalitiesNL = `Nederlands, Nederlandse, Europees, Europese, Belgisch, Belgische, Duits, Duitse, Engels, Engelse,
Frans, Franse, Luxemburgs, Luxemburgse, Amerikaans, Amerikaanse, Brits, Britse, Iers, Ierse, Spaans, Spaanse,
Italiaans, Italiaanse, Portugees, Portugese, Zweeds, Zweedse, Deens, Deense, Noors, Noorse, Fins, Finse,
Pools, Poolse, Zwitsers, Zwitserse, Oostenrijks, Oostenrijkse, Chinees, Chinese, Japans, Japanse, Indiaas,
Indiase, Australisch, Australische, Russisch, Russische, Oekraïens, Oekraïense, Turks, Turkse, Grieks,
Griekse, Fries, Friese, Canadees, Canadese, Arabisch, Arabische`

	calendar = `January, February, March, April, May, June, July, August, September, October, November, December,
Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday,
Januari, Februari, Maart, Mei, Juni, Juli, Augustus, Oktober,
Maandag, Dinsdag, Woensdag, Donderdag, Vrijdag, Zaterdag, Zondag`

	institutions = `European Union, European Commission, European Parliament, Council of the European Union,
European Data Protection Board, European Data Protection Supervisor, Court of Justice of the European Union,
Court of Justice, European Court of Human Rights, United Nations, Federal Trade Commission,
Securities and Exchange Commission, Internal Revenue Service, Department of the Treasury,
Department of Commerce, Department of Justice, Office of Foreign Assets Control, Bureau of Industry and Security,
Information Commissioner's Office, Supreme Court, Chamber of Commerce,
Europese Unie, Europese Commissie, Europees Parlement, Raad van de Europese Unie, Europees Comité voor gegevensbescherming,
Hof van Justitie, Hof van Justitie van de Europese Unie, Autoriteit Persoonsgegevens, Autoriteit Consument en Markt,
Autoriteit Financiële Markten, De Nederlandsche Bank, Kamer van Koophandel, Belastingdienst, Hoge Raad,
Raad van State, Handelsregister, Nederlands Arbitrage Instituut, Geschillencommissie`

	laws = `General Data Protection Regulation, Data Act, Digital Services Act, Digital Markets Act, AI Act,
Artificial Intelligence Act, Data Governance Act, Cyber Resilience Act, NIS2 Directive, ePrivacy Directive,
California Consumer Privacy Act, California Privacy Rights Act, Children's Online Privacy Protection Act,
Digital Millennium Copyright Act, Export Administration Regulations, Standard Contractual Clauses,
EU-U.S. Data Privacy Framework, Data Privacy Framework, Privacy Shield, Dutch Civil Code, Civil Code,
Uniform Commercial Code, United Nations Convention on Contracts for the International Sale of Goods,
Vienna Sales Convention, Weens Koopverdrag, Algemene Verordening Gegevensbescherming,
Uitvoeringswet Algemene Verordening Gegevensbescherming, Burgerlijk Wetboek, Wetboek van Burgerlijke Rechtsvordering,
Telecommunicatiewet, Auteurswet, Databankenwet, Handelsregisterwet, Dataverordening, Digitale Dienstenverordening,
Wet bescherming persoonsgegevens, Archiefwet`
)

// companyRE finds a company named with its legal form — "GitHub, Inc.",
// "Norvato B.V.", "Stripe Payments Europe Ltd" — a party or a supplier
// the text names: its name is a name wherever the text uses it.
var companyRE = lazy.Regexp(`((?:\p{Lu}[\p{L}\d&'’\-]*\s+){0,3}\p{Lu}[\p{L}\d&'’\-]*),?\s+(?:Inc|Ltd|LLC|Corp|Corporation|Limited|GmbH|plc|B\.V|N\.V|BV|NV|S\.A|AG|SE)\b`)

// incorporationRE finds a sentence that gives the capitalised terms a text
// does not define the meaning another document gives them: "Any
// capitalized terms used but not defined below have the meanings in the
// Agreement", "Begrippen die hier niet zijn gedefinieerd hebben de
// betekenis die de Algemene Voorwaarden eraan geven".
var incorporationRE = lazy.Regexp(`(?i)(?:capitali[sz]ed\s+(?:terms|words)|defined\s+terms|begrippen|termen)[^.;]{0,60}?\bnot\s+(?:otherwise\s+)?defined[^.;]{0,80}?\b(?:have|has|shall\s+have|bear)\s+the\s+meanings?|(?:begrippen|termen)[^.;]{0,60}?\bniet\s+(?:\S+\s+){0,3}?gedefinieerd[^.;]{0,80}?\bbetekenis`)
