/**
 * Words and merchants that name a category. A phrase (several words) beats a single word, so
 * "gas bill" is utilities while "gas" is fuel, and "subway ticket" is transport.
 * Bank descriptions ("NETFLIX.COM", "SHELL OIL 5743") are matched on the same words.
 */
export const CATEGORY_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  groceries: [
    'groceries', 'grocery', 'supermarket', 'supermarkt', 'lebensmittel', 'einkauf', 'supermercado', 'mercado', 'weekly shop', 'food shop', 'vegetables', 'veggies', 'fruit', 'milk', 'bread', 'eggs',
    'convenience store', 'safeway', 'kroger', 'aldi', 'lidl', 'tesco', 'sainsbury', 'sainsburys', 'asda', 'morrisons', 'waitrose',
    'whole foods', 'trader joe', 'trader joes', 'costco', 'walmart grocery', 'publix', 'wegmans', 'albertsons', 'carrefour', 'rewe',
    'edeka', 'bigbasket', 'big basket', 'blinkit', 'zepto', 'dmart', 'instacart', 'coop', 'spar', 'iceland', 'co-op', 'food lion',
    'h-e-b', 'heb', 'meijer', 'sprouts', 'market basket', 'grofers', 'reliance fresh', 'more supermarket', 'nature basket', 'kirana',
  ],
  dining: [
    'lunch', 'dinner', 'breakfast', 'brunch', 'coffee', 'latte', 'cappuccino', 'espresso', 'tea', 'chai', 'snack', 'snacks', 'meal',
    'restaurant', 'cafe', 'café', 'bar', 'pub', 'drinks', 'beer', 'wine', 'cocktails', 'takeout', 'takeaway', 'take-out', 'delivery',
    'pizza', 'sushi', 'tacos', 'taco', 'burger', 'burgers', 'ramen', 'noodles', 'curry', 'kebab', 'sandwich', 'bagel', 'donut',
    'ice cream', 'dessert', 'bakery', 'food court', 'starbucks', 'dunkin', 'mcdonalds', "mcdonald's", 'mcdonald', 'kfc', 'subway sandwich',
    'chipotle', 'dominos', "domino's", 'pizza hut', 'burger king', 'wendys', "wendy's", 'taco bell', 'pret', 'costa', 'nandos',
    'greggs', 'swiggy', 'zomato', 'doordash', 'ubereats', 'uber eats', 'grubhub', 'deliveroo', 'just eat', 'dine', 'dining', 'eat out',
    'eating out', 'kaffee', 'mittagessen', 'abendessen', 'frühstück', 'essen', 'restaurante', 'comida', 'cena', 'almuerzo', 'déjeuner', 'dîner', 'bistro', 'diner', 'canteen', 'tiffin', 'biryani', 'dosa', 'pho', 'boba', 'smoothie', 'juice', 'tim hortons',
  ],
  transport: [
    'uber', 'lyft', 'ola', 'rapido', 'taxi', 'cab', 'metro', 'subway ticket', 'subway fare', 'tube', 'train', 'bus', 'bus fare', 'tram',
    'parking', 'toll', 'tolls', 'auto rickshaw', 'rickshaw', 'auto', 'ferry', 'bolt', 'grab', 'transit', 'commute', 'metrocard',
    'oyster', 'clipper', 'mta', 'amtrak', 'bart', 'caltrain', 'scooter', 'lime', 'bird', 'bike share', 'citibike', 'car wash',
    'oil change', 'car service', 'mechanic', 'bike repair', 'bicycle repair', 'bike service', 'tyres', 'tires', 'bus pass', 'train ticket', 'railway', 'irctc', 'ride',
  ],
  fuel: ['fuel', 'petrol', 'diesel', 'gas station', 'gasoline', 'gas', 'shell', 'chevron', 'exxon', 'mobil', 'bp', 'texaco', 'esso', 'arco', 'valero', 'sunoco', 'citgo', 'hpcl', 'bpcl', 'indian oil', 'ev charging', 'charging', 'supercharger'],
  travel: [
    'flight', 'flights', 'airfare', 'airline', 'hotel', 'motel', 'hostel', 'airbnb', 'booking.com', 'expedia', 'trip', 'vacation',
    'holiday', 'resort', 'luggage', 'visa fee', 'passport', 'car rental', 'rental car', 'hertz', 'avis', 'delta', 'united airlines',
    'american airlines', 'southwest', 'ryanair', 'easyjet', 'lufthansa', 'emirates', 'indigo', 'air india', 'vistara', 'makemytrip',
    'goibibo', 'tour', 'cruise', 'lodging', 'inn',
  ],
  rent: ['rent', 'rental payment', 'lease', 'landlord', 'housing', 'apartment rent', 'mortgage', 'hoa', 'maintenance fee', 'apartments'],
  utilities: [
    'utilities', 'utility', 'electricity', 'electric bill', 'power bill', 'water bill', 'water', 'sewer', 'gas bill', 'heating',
    'internet', 'wifi', 'wi-fi', 'broadband', 'phone bill', 'mobile bill', 'mobile recharge', 'recharge', 'cell phone', 'verizon',
    'at&t', 'att', 't-mobile', 'tmobile', 'comcast', 'xfinity', 'spectrum', 'vodafone', 'airtel', 'jio', 'bsnl', 'ee', 'o2',
    'trash', 'garbage', 'council tax', 'con edison', 'pg&e', 'dth', 'tata sky', 'postpaid', 'prepaid',
  ],
  shopping: [
    'shopping', 'clothes', 'clothing', 'jeans', 'shirt', 'shoes', 'sneakers', 'dress', 'jacket', 'amazon', 'amazon order', 'amzn',
    'mktplace', 'ebay', 'etsy', 'target', 'walmart', 'best buy', 'zara', 'h&m', 'uniqlo', 'nike', 'adidas', 'flipkart',
    'myntra', 'ajio', 'meesho', 'headphones', 'laptop', 'phone case', 'electronics', 'gadget', 'apple store', 'mall', 'order',
    'gift card', 'books', 'book', 'bookstore', 'stationery', 'tv', 'television', 'camera', 'watch', 'jewellery',
    'jewelry', 'bag', 'backpack', 'primark', 'marks and spencer', 'argos', 'currys', 'decathlon', 'costco', 'kohls', 'macys',
  ],
  entertainment: [
    'movie', 'movies', 'cinema', 'film', 'theatre', 'theater', 'concert', 'gig', 'show', 'tickets', 'ticket', 'bowling', 'arcade',
    'game', 'games', 'gaming', 'steam', 'playstation', 'xbox', 'nintendo', 'museum', 'zoo', 'amusement park', 'festival',
    'karaoke', 'club', 'nightclub', 'party', 'bookmyshow', 'ticketmaster', 'fandango', 'amc', 'imax', 'comedy', 'sports event',
  ],
  subscriptions: [
    'subscription', 'netflix', 'hulu', 'spotify', 'disney+', 'disney plus', 'hbo', 'max', 'prime video', 'amazon prime', 'youtube premium',
    'apple music', 'icloud', 'google one', 'dropbox', 'github', 'copilot', 'chatgpt', 'openai', 'notion', 'adobe', 'microsoft 365',
    'office 365', 'patreon', 'substack', 'membership', 'hotstar', 'jiocinema', 'audible', 'kindle unlimited', 'nyt', 'newspaper',
    'magazine', 'paramount+', 'peacock', 'crunchyroll', 'duolingo', 'vpn', 'monthly plan', 'annual plan',
  ],
  health: [
    'doctor', 'dentist', 'dental', 'copay', 'pharmacy', 'medicine', 'medicines', 'prescription', 'vitamins', 'supplements',
    'hospital', 'clinic', 'therapy', 'therapist', 'physio', 'physiotherapy', 'gym', 'gym membership', 'yoga', 'pilates', 'fitness',
    'cvs', 'walgreens', 'boots', 'apollo', 'pharmeasy', '1mg', 'netmeds', 'optician', 'glasses', 'contacts', 'lab test', 'checkup',
    'medical', 'health',
  ],
  education: ['tuition', 'school', 'school supplies', 'course', 'courses', 'udemy', 'coursera', 'edx', 'class fees', 'textbook', 'textbooks', 'college', 'university', 'exam fee', 'training', 'workshop', 'bootcamp', 'tutor', 'tutoring', 'lesson', 'lessons', 'byju', 'unacademy', 'skillshare', 'masterclass'],
  personal_care: ['barber', 'haircut', 'hair cut', 'salon', 'spa', 'massage', 'manicure', 'pedicure', 'nails', 'cosmetics', 'makeup', 'skincare', 'shampoo', 'toiletries', 'grooming', 'waxing', 'sephora', 'ulta', 'nykaa', 'beauty', 'perfume'],
  gifts: ['gift', 'gifts', 'present', 'birthday present', 'flowers', 'florist', 'donation', 'donate', 'donated', 'charity', 'tithe', 'wedding gift', 'fundraiser', 'gofundme'],
  insurance: ['insurance', 'premium', 'insurance premium', 'geico', 'allstate', 'state farm', 'progressive', 'lic', 'policy', 'health insurance', 'car insurance', 'life insurance', 'renters insurance'],
  fees: ['fee', 'fees', 'bank fee', 'service charge', 'late fee', 'overdraft', 'wire transfer fee', 'atm fee', 'commission', 'penalty', 'fine', 'interest charge', 'annual fee', 'charges', 'forex markup'],
  home: ['home', 'home depot', 'lowes', "lowe's", 'hardware', 'tools', 'lightbulbs', 'light bulbs', 'plumber', 'electrician', 'repairs', 'repair', 'cleaning', 'cleaner', 'maid', 'housekeeping', 'furnishings', 'decor', 'paint', 'garden', 'gardening', 'bed bath', 'detergent', 'laundry', 'dry cleaning', 'b&q', 'homebase', 'wayfair', 'appliance', 'ikea', 'furniture', 'sofa', 'lamp', 'curtains', 'mattress', 'cookware'],
  pets: ['pet', 'pets', 'dog', 'cat', 'cat litter', 'litter', 'dog food', 'cat food', 'vet', 'vet bill', 'veterinary', 'veterinarian', 'petco', 'petsmart', 'grooming dog', 'kibble', 'pet food'],
  salary: ['salary', 'paycheck', 'pay check', 'payroll', 'wages', 'wage', 'bonus', 'stipend', '~got paid', '~pay day', 'payday', 'gehalt'],
  other_income: ['refund', 'reimbursement', 'cashback', 'cash back', 'dividend', 'dividends', 'interest', 'sold', 'rebate', 'freelance', 'freelancing', 'side gig', 'consulting fee', 'winnings', 'prize', 'tax refund', 'gift money'],
  transfer: ['transfer', 'transferred', 'savings', 'emergency fund', 'credit card payment', 'card payment', 'paid off', 'autopay', 'zelle', 'venmo', 'paypal transfer', 'lent', 'loan to', 'neft', 'imps', 'upi transfer', 'own account'],
  cash: ['atm', 'cash withdrawal', 'withdrew', 'withdrawal', 'cash out', 'cash'],
  investments: ['etf', 'stocks', 'stock', 'shares', 'invest', 'invested', 'investment', 'mutual fund', 'sip', 'index fund', 'brokerage', 'robinhood', 'vanguard', 'fidelity', 'crypto', 'bitcoin', 'zerodha', 'groww', 'ira', '401k', 'roth'],
};

/** Merchants worth naming in a suggestion, as people write them. */
export const KNOWN_MERCHANTS: readonly string[] = [
  'safeway', 'kroger', 'aldi', 'lidl', 'tesco', 'whole foods', 'trader joes', 'costco', 'starbucks', 'mcdonalds', 'chipotle', 'uber',
  'lyft', 'ola', 'shell', 'chevron', 'exxon', 'amazon', 'ebay', 'target', 'walmart', 'ikea', 'netflix', 'hulu', 'spotify', 'github',
  'udemy', 'coursera', 'home depot', 'petco', 'petsmart', 'airbnb', 'swiggy', 'zomato', 'flipkart', 'doordash', 'cvs', 'walgreens',
  'best buy', 'apple store', 'sainsburys', 'asda', 'waitrose', 'pret', 'nandos', 'deliveroo', 'bigbasket',
];
