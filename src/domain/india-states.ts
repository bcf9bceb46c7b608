/**
 * India's states and union territories with the names owners write them in: English, common
 * short forms, and the state's own script. Codes are ISO 3166-2:IN without the country.
 */
export interface IndiaState {
  code: string;
  name: string;
  names: string[];
}

export const INDIA_STATES: IndiaState[] = [
  { code: 'AN', name: 'Andaman and Nicobar Islands', names: ['andaman', 'andaman and nicobar', 'andaman nicobar'] },
  { code: 'AP', name: 'Andhra Pradesh', names: ['andhra pradesh', 'andhra', 'ap', 'ఆంధ్రప్రదేశ్', 'ఆంధ్ర ప్రదేశ్', 'आंध्र प्रदेश'] },
  { code: 'AR', name: 'Arunachal Pradesh', names: ['arunachal pradesh', 'arunachal', 'अरुणाचल प्रदेश'] },
  { code: 'AS', name: 'Assam', names: ['assam', 'asom', 'অসম', 'आसाम', 'असम'] },
  { code: 'BR', name: 'Bihar', names: ['bihar', 'बिहार'] },
  { code: 'CH', name: 'Chandigarh', names: ['chandigarh', 'चंडीगढ़', 'ਚੰਡੀਗੜ੍ਹ'] },
  { code: 'CT', name: 'Chhattisgarh', names: ['chhattisgarh', 'chattisgarh', 'cg', 'छत्तीसगढ़'] },
  { code: 'DH', name: 'Dadra and Nagar Haveli and Daman and Diu', names: ['dadra and nagar haveli', 'daman and diu', 'daman', 'diu', 'silvassa'] },
  { code: 'DL', name: 'Delhi', names: ['delhi', 'new delhi', 'dilli', 'दिल्ली', 'नई दिल्ली'] },
  { code: 'GA', name: 'Goa', names: ['goa', 'गोवा'] },
  { code: 'GJ', name: 'Gujarat', names: ['gujarat', 'gujrat', 'ગુજરાત', 'गुजरात'] },
  { code: 'HR', name: 'Haryana', names: ['haryana', 'हरियाणा'] },
  { code: 'HP', name: 'Himachal Pradesh', names: ['himachal pradesh', 'himachal', 'hp', 'हिमाचल प्रदेश', 'हिमाचल'] },
  { code: 'JK', name: 'Jammu and Kashmir', names: ['jammu and kashmir', 'jammu kashmir', 'jammu', 'kashmir', 'j&k', 'जम्मू कश्मीर'] },
  { code: 'JH', name: 'Jharkhand', names: ['jharkhand', 'झारखंड', 'झारखण्ड'] },
  { code: 'KA', name: 'Karnataka', names: ['karnataka', 'ಕರ್ನಾಟಕ', 'कर्नाटक'] },
  { code: 'KL', name: 'Kerala', names: ['kerala', 'keralam', 'കേരളം', 'केरल'] },
  { code: 'LA', name: 'Ladakh', names: ['ladakh', 'लद्दाख'] },
  { code: 'LD', name: 'Lakshadweep', names: ['lakshadweep'] },
  { code: 'MP', name: 'Madhya Pradesh', names: ['madhya pradesh', 'mp', 'मध्य प्रदेश', 'मध्यप्रदेश'] },
  { code: 'MH', name: 'Maharashtra', names: ['maharashtra', 'maharastra', 'mh', 'महाराष्ट्र'] },
  { code: 'MN', name: 'Manipur', names: ['manipur', 'মণিপুর', 'मणिपुर'] },
  { code: 'ML', name: 'Meghalaya', names: ['meghalaya', 'मेघालय'] },
  { code: 'MZ', name: 'Mizoram', names: ['mizoram', 'मिज़ोरम'] },
  { code: 'NL', name: 'Nagaland', names: ['nagaland', 'नागालैंड'] },
  { code: 'OR', name: 'Odisha', names: ['odisha', 'orissa', 'ଓଡ଼ିଶା', 'ଓଡିଶା', 'ओडिशा', 'उड़ीसा'] },
  { code: 'PY', name: 'Puducherry', names: ['puducherry', 'pondicherry', 'pondy', 'புதுச்சேரி'] },
  { code: 'PB', name: 'Punjab', names: ['punjab', 'ਪੰਜਾਬ', 'पंजाब'] },
  { code: 'RJ', name: 'Rajasthan', names: ['rajasthan', 'राजस्थान'] },
  { code: 'SK', name: 'Sikkim', names: ['sikkim', 'सिक्किम'] },
  { code: 'TN', name: 'Tamil Nadu', names: ['tamil nadu', 'tamilnadu', 'tn', 'தமிழ்நாடு', 'தமிழ் நாடு', 'तमिलनाडु'] },
  { code: 'TG', name: 'Telangana', names: ['telangana', 'తెలంగాణ', 'तेलंगाना'] },
  { code: 'TR', name: 'Tripura', names: ['tripura', 'ত্রিপুরা', 'त्रिपुरा'] },
  { code: 'UP', name: 'Uttar Pradesh', names: ['uttar pradesh', 'up', 'उत्तर प्रदेश', 'यूपी'] },
  { code: 'UT', name: 'Uttarakhand', names: ['uttarakhand', 'uttaranchal', 'उत्तराखंड', 'उत्तराखण्ड'] },
  { code: 'WB', name: 'West Bengal', names: ['west bengal', 'bengal', 'wb', 'পশ্চিমবঙ্গ', 'পশ্চিম বঙ্গ', 'पश्चिम बंगाल', 'बंगाल'] },
];

/** The state named in a text ("Pune, Maharashtra", "मदुरै, तमिलनाडु"), longest name first; and what was left. */
export function findState(text: string): { state: IndiaState; rest: string } | undefined {
  const lower = ` ${text.toLowerCase().replace(/[.,;:|/\\-]+/g, ' ').replace(/\s+/g, ' ').trim()} `;
  let best: { state: IndiaState; name: string } | undefined;
  for (const state of INDIA_STATES) {
    for (const name of state.names) {
      if (lower.includes(` ${name} `) && (!best || name.length > best.name.length)) best = { state, name };
    }
  }
  if (!best) return undefined;
  const rest = lower.replace(` ${best.name} `, ' ').replace(/\s+/g, ' ').trim();
  return { state: best.state, rest };
}
